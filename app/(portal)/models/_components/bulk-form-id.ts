/** The bulk follow-up form's id: the inventory rows' checkboxes join it with form="…" (a plain module: server and client both read it). */
export const BULK_FORM_ID = "bulk-follow-up";
