/** The sticky first cell of a units × months table row: the unit's name, linking to its page. */
export function UnitRowHeader(props: { code: string; name: string }) {
  return (
    <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-2 py-1 text-left font-normal">
      <a href={`/communes/${props.code}`}>{props.name}</a>
    </th>
  );
}
