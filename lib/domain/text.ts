/** Lower-case, accent-free form of Vietnamese text for search: "Lai Châu" → "lai chau", "Đoàn Kết" → "doan ket". */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
