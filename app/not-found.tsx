import { getTranslations } from "next-intl/server";

/** Unknown address or a record the viewer may not see (pages call notFound() for both, so nothing leaks). */
export default async function NotFound() {
  const t = await getTranslations("pages");
  return (
    <div className="max-w-2xl space-y-3" data-testid="not-found">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
      <p>
        <a href="/">{t("home")}</a>
      </p>
    </div>
  );
}
