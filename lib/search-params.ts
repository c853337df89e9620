// Next hands a page its query as { key: string | string[] | undefined }; our schemas read one value per key.
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first value of each query parameter (a repeated parameter keeps its first occurrence). */
export async function firstValues(searchParams: PageSearchParams): Promise<Record<string, string | undefined>> {
  return Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
