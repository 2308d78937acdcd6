/** A QR code as an SVG data URL (qrcode-generator, no network, no canvas): the authenticator app scans it from /profile. */
import qrcode from "qrcode-generator";

export function qrDataUrl(text: string): string {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
