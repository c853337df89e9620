import { env } from "../env";
/** Import bodies may be large (10,000 CSV rows are ~3 MB): 20 MB unless DOSSIER_API_IMPORT_BODY_LIMIT_MB says otherwise. */
export function importBodyLimitBytes(): number {
  return env.importBodyLimitMb() * 1024 * 1024;
}
