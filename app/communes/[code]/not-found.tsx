import { getTranslations } from "next-intl/server";

export default async function CommuneNotFound() {
  const t = await getTranslations("commune");
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      <p>
        <a href="/communes">{t("back")}</a>
      </p>
    </div>
  );
}
