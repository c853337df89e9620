// An example of a good answer for the sections owners write most often, shown under the catalogue's
// guidance on the documentation page. Each is written for one fictional system (a mortgage
// affordability scorer) and passes the completeness rule of guidance.ts: a unit test holds them to it.

export const SECTION_EXAMPLES: Partial<Record<string, string>> = {
  "annex-iv-1-general-description": `## Intended purpose
Scores the affordability of mortgage applications for credit officers, who take the decision. **Provider**: Northwind Bank, Retail Risk. **Version** 3.2.

- Interacts with the loan origination software through its REST interface and with no hardware of its own.
- Forms placed on the market: none outside the bank; it is put into service as an internal service.
- Hardware: runs on the bank's Kubernetes cluster (x86, no GPU).
- User interface: a score and its three main reasons in the origination screen.
- Instructions for use: the credit manual, chapter 7.`,
  "annex-iv-2-development": `- Methods and steps: gradient-boosted trees, trained in the bank's pipeline 2.4; no pre-trained components.
- Design specifications and key choices: monotone constraints on income and debt; architecture of one model per country.
- Data requirements: the datasheets of the training and validation sets (see Data governance).
- Human-oversight assessment: the credit officer sees the reasons and decides.
- Pre-determined changes: quarterly retraining on the same features only.
- Validation and testing procedures and logs: out-of-time test, logs kept in the registry.
- Cybersecurity measures: signed artefacts, no internet access.`,
  "annex-iv-3-monitoring-control": `- Capabilities and limitations in performance: AUC 0.81 overall; weaker for self-employed applicants (0.74).
- Accuracy for the persons or groups it is used on: reported per age band and region each quarter.
- Foreseeable unintended outcomes and risks: declining thin-file applicants more often; a referral rule sends them to manual review.
- Human oversight measures: the officer can override any score with a reason.
- Input data specifications: income, debts, employment type and term, validated at entry.`,
  "annex-iv-4-performance-metrics": `We report **AUC** and the **Brier score** because the score ranks applicants and its probabilities feed the pricing: AUC shows how well the system separates repaying from defaulting borrowers, the Brier score whether the probabilities are calibrated for the intended purpose of setting affordability limits. Both are computed per group to see whether the system serves every group equally well.`,
  "annex-iv-5-risk-management": `- Known and foreseeable risks to health, safety and fundamental rights: unfair refusal of credit (non-discrimination), over-indebtedness.
- Risk estimation: likelihood and severity scored by the risk committee, 3×3 matrix.
- Adopted measures: monotone constraints, bias assessment before each release, manual review of declines.
- Residual risk: low, accepted by the chief risk officer.
- Testing: fairness and stability tests before release; the risk file is reviewed regularly, at least every 12 months.`,
  "annex-iv-6-lifecycle-changes": `Changes over the lifecycle, newest first:

1. **3.2** (2026-03): retraining on 2025 data; same features.
2. **3.1** (2025-09): rollback to 3.0 for two days after a drift alert, then fixed and redeployed.
3. **3.0** (2025-01): new architecture with one model per country.

Every change is a new version in the registry with its validation report.`,
  "annex-iv-7-standards": `No harmonised standards under the AI Act are published yet for credit scoring. We apply ISO/IEC 23894 for risk management and ISO/IEC 42001 for the management system; where these do not reach, the solutions adopted to meet Chapter III Section 2 are described in sections 2 to 5 of this documentation, with the test evidence attached to each.`,
  "annex-iv-9-post-market-monitoring": `Performance is evaluated after placing on the market by weekly drift checks (PSI on every input, warning at 0.1, critical at 0.25) and a monthly back-test of the score against actual defaults once loans mature. The post-market monitoring plan names the owner, the thresholds, the escalation to the model risk committee and the rollback to the previous version within one hour.`,
  "data-governance": `- Design choices: applications from 2019–2025, one row per decision.
- Collection processes and origin: the loan origination system; credit bureau data under contract.
- Preparation: cleaning of duplicates, labelling of default at 12 months.
- Assumptions: past repayment behaviour predicts future behaviour within one cycle.
- Availability and suitability: 1.2 million rows, all countries served.
- Bias examination and mitigation: approval rates compared by age and sex; reweighting applied.
- Data gaps: few applicants under 21.
- Special categories: none processed, so Art. 4a necessity, safeguards and deletion do not apply.`,
  logging: `The system logs automatically every request: input features, score, version, time and the officer's decision. Logs are kept as long as credit files: seven years (well over six months) in the bank's log archive, where the audit team can query them.`,
  "instructions-for-use": `- Provider identity: Northwind Bank, Retail Risk, risk-models@northwind.example.
- Characteristics, capabilities and limitations: ranks affordability; not for business loans.
- Accuracy levels: AUC 0.81, reported per group.
- Human oversight measures: officers review every decline and may override.
- Expected lifetime: three years, with quarterly retraining and maintenance by the model team.
- Log collection: automatic, see Record-keeping.`,
  "human-oversight": `Credit officers monitor every score and can interpret it through its three main reasons; they override it with a recorded reason, and the head of credit can stop the system with a switch that routes all applications to manual review. Against automation bias, officers see the reasons before the score and 5% of approvals are re-checked blind.`,
  "accuracy-robustness-cybersecurity": `- Declared accuracy metrics and levels: AUC 0.81, Brier 0.07, stated in the instructions.
- Resilience to errors and feedback loops: inputs validated; declined applicants are not fed back as defaults.
- Protection against data poisoning: training data only from controlled internal sources, checksums on every file.
- Adversarial examples and model flaws: monotone constraints, rate limits and anomaly alerts on inputs.`,
  "deployer-human-oversight": `Named people with the competence, training and authority to oversee the system: Ana Ruiz (head of credit) and the twelve senior credit officers of the mortgage team. All completed the bank's AI oversight training, have the authority to override or suspend the system, and get support from the model team within one working day.`,
  "deployer-input-data": `Input data under our control is kept relevant and sufficiently representative for the intended purpose: the application form validates every field, a quarterly report compares applicants with the population the provider trained on, and a new segment (such as a new country) is only scored after the provider confirms it is covered.`,
  "deployer-monitoring": `- Monitoring per the instructions: weekly drift report and monthly override rates, reviewed by the credit team.
- Informing the provider and authority, and suspending use on risk: the head of credit suspends use and informs the provider and the market surveillance authority without delay.
- Serious incident reporting: through the bank's incident procedure (Art. 73 deadlines).`,
  "serious-incident-procedure": `Serious incidents are detected through complaints, overrides and monitoring alerts and triaged by the model risk team. They are reported to the market surveillance authority within 15 days of awareness, within 10 days for a death, and within 2 days for a widespread infringement or serious disruption of critical infrastructure; the incident page tracks each clock.`,
};
