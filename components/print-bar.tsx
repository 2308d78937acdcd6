import { getTranslations } from "next-intl/server";
import { formatDateTimeVi } from "@/lib/domain/format";
import { PrintButton } from "./print-button";
import { PrintHeader } from "./print-header";
import { now } from "@/lib/clock";

/** The print button (screen) and the printed page header (paper): title, period, time of printing. */
export async function PrintBar(props: { title: string; period: string; children?: React.ReactNode }) {
  const t = await getTranslations("print");
  return (
    <>
      <PrintHeader
        title={props.title}
        period={t("period", { range: props.period })}
        renderedAt={formatDateTimeVi(now())}
        printedAtLabel={t("printedAt", { time: "{time}" })}
      />
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <PrintButton label={t("button")} />
        {props.children}
      </div>
    </>
  );
}
