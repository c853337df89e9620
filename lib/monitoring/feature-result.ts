// One feature's drift result as stored (MonitoringFeatureResult) and shown: the ingestion writes these
// columns, the dossier and the inventory export read them back. Pure.

export type FeatureResultFields<Status extends string = string> = {
  feature: string;
  featureType: string;
  psi: number | null;
  ksStatistic: number | null;
  ksPValue: number | null;
  wasserstein: number | null;
  metricName: string | null;
  metricValue: number | null;
  status: Status;
};

/** Just the result columns of a stored row (without its ids), in a stable key order. */
export function featureResultFields<Status extends string>(f: FeatureResultFields<Status>): FeatureResultFields<Status> {
  return {
    feature: f.feature,
    featureType: f.featureType,
    psi: f.psi,
    ksStatistic: f.ksStatistic,
    ksPValue: f.ksPValue,
    wasserstein: f.wasserstein,
    metricName: f.metricName,
    metricValue: f.metricValue,
    status: f.status,
  };
}
