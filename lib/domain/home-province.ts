/** The province this deployment serves (Lai Châu, code 12): the province-level dashboards are its. */
export const HOME_PROVINCE = "12";
