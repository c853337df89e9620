/** A date as the model page shows it (UTC day), or a dash. */
export const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "—");
