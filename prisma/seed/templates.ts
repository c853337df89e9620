// What Northwind Financial runs: model families per business unit, each with the questionnaire
// profile that classifies it. Names and purposes are fictional but realistic for a European bank.
import type { ActorRole } from "../../lib/compliance/types";

export type ClassificationProfile = {
  role: ActorRole;
  /** Art. 5 practice values of the questionnaire */
  art5?: string[];
  /** Annex III area number → point values, e.g. { 5: ["5B"] } */
  annexIII?: Record<number, string[]>;
  profiling?: boolean;
  /** Art. 6(3) conditions claimed */
  derogation?: string[];
  /** Art. 50 case values */
  art50?: string[];
  publicService?: boolean;
};

export type ModelFamily = {
  slug: string;
  name: string; // "{v}" is replaced by the variant
  purpose: string;
  variants: readonly string[];
  profile: ClassificationProfile;
  features: readonly string[];
  metric: string;
  /** datasets this family trains on (shared by its models) */
  dataset: { name: string; source: string; personalData: boolean; specialCategory?: boolean };
};

export type BusinessUnitPlan = { name: string; production: number; families: readonly ModelFamily[] };

const MARKETS = ["UK", "Germany", "France", "Netherlands", "Spain", "Italy", "Poland", "Ireland", "Belgium", "Austria"] as const;

export const BUSINESS_UNITS: readonly BusinessUnitPlan[] = [
  {
    name: "Retail Banking",
    production: 62,
    families: [
      {
        slug: "credit-scoring",
        name: "Credit scoring — {v}",
        purpose: "Scores applications for {v} to support the credit decision on natural persons (approve, decline, refer to an underwriter).",
        variants: [
          "personal loans UK",
          "personal loans Germany",
          "credit cards UK",
          "credit cards France",
          "overdrafts Netherlands",
          "mortgages UK",
          "mortgages Spain",
          "car finance Italy",
          "student loans Ireland",
          "buy now pay later Poland",
          "credit limit increases",
          "personal loans Belgium",
        ],
        profile: { role: "PROVIDER", annexIII: { 5: ["5B"] }, profiling: true },
        features: ["income", "debt_to_income", "bureau_score", "months_at_address"],
        metric: "gini",
        dataset: { name: "Credit applications and outcomes", source: "Loan origination system and credit bureau returns", personalData: true },
      },
      {
        slug: "affordability",
        name: "Affordability assessment — {v}",
        purpose: "Estimates disposable income from transaction history to assess the creditworthiness of {v} applicants.",
        variants: ["mortgages", "unsecured loans", "credit cards", "overdrafts"],
        profile: { role: "PROVIDER", annexIII: { 5: ["5B"] }, profiling: true },
        features: ["monthly_income", "essential_spend", "gambling_spend"],
        metric: "mae",
        dataset: { name: "Open-banking transaction categorisations", source: "Current account transactions (consented open-banking feeds)", personalData: true },
      },
      {
        slug: "churn",
        name: "Current account churn prediction — {v}",
        purpose: "Predicts which {v} current-account customers are likely to close their account, to prioritise retention calls.",
        variants: MARKETS,
        profile: { role: "PROVIDER" },
        features: ["tenure_months", "balance_trend", "salary_credit_flag"],
        metric: "auc",
        dataset: { name: "Current account activity", source: "Core banking ledger", personalData: true },
      },
      {
        slug: "next-best-offer",
        name: "Next best offer — {v}",
        purpose: "Ranks savings and insurance products to show {v} customers in the mobile app.",
        variants: MARKETS,
        profile: { role: "PROVIDER" },
        features: ["product_holdings", "age_band", "app_sessions"],
        metric: "ndcg",
        dataset: { name: "Product holdings and responses", source: "CRM campaign responses", personalData: true },
      },
      {
        slug: "service-assistant",
        name: "Customer service assistant — {v}",
        purpose: "A chat assistant that answers {v} customers' questions about accounts and cards and hands over to agents.",
        variants: ["web chat", "mobile app", "WhatsApp", "voice IVR"],
        profile: { role: "DEPLOYER", art50: ["INTERACTS_WITH_PEOPLE"] },
        features: ["intent_confidence", "handover_rate"],
        metric: "containment_rate",
        dataset: { name: "Anonymised chat transcripts", source: "Contact-centre chat logs, pseudonymised", personalData: true },
      },
      {
        slug: "selfie-verification",
        name: "Onboarding selfie verification — {v}",
        purpose: "Confirms that the person opening an account in {v} is the holder of the presented ID document (1:1 biometric verification).",
        variants: ["UK", "Germany", "France"],
        profile: { role: "DEPLOYER" },
        features: ["match_score", "liveness_score"],
        metric: "false_match_rate",
        dataset: { name: "Vendor verification evaluation set", source: "Vendor-supplied evaluation images, licensed", personalData: true, specialCategory: true },
      },
    ],
  },
  {
    name: "Payments",
    production: 44,
    families: [
      {
        slug: "card-fraud",
        name: "Card fraud detection — {v}",
        purpose: "Scores {v} transactions in real time and blocks or challenges those likely to be fraudulent.",
        variants: ["debit cards", "credit cards", "e-commerce", "contactless", "ATM withdrawals", "card-not-present UK", "card-not-present EU", "tokenised wallets"],
        profile: { role: "PROVIDER" },
        features: ["amount", "merchant_category", "hour_of_day", "distance_from_home"],
        metric: "recall_at_1pct_fpr",
        dataset: { name: "Card authorisations with fraud labels", source: "Card processing platform and chargeback files", personalData: true },
      },
      {
        slug: "instant-payment-fraud",
        name: "Instant payments fraud screening — {v}",
        purpose: "Screens outgoing {v} instant payments for authorised push payment fraud before release.",
        variants: ["SEPA", "Faster Payments", "iDEAL", "Bizum", "BLIK"],
        profile: { role: "PROVIDER" },
        features: ["amount", "payee_age_days", "device_risk"],
        metric: "precision",
        dataset: { name: "Instant payment fraud reports", source: "Payment hub and customer fraud reports", personalData: true },
      },
      {
        slug: "aml-monitoring",
        name: "AML transaction monitoring — {v}",
        purpose: "Flags {v} transaction patterns for anti-money-laundering investigation by the financial crime team.",
        variants: ["retail", "SME", "correspondent banking", "cash deposits", "crypto on-ramps", "trade finance"],
        profile: { role: "PROVIDER" },
        features: ["velocity_7d", "cash_ratio", "high_risk_country_share"],
        metric: "sar_conversion",
        dataset: { name: "AML alerts and investigation outcomes", source: "Case management system", personalData: true },
      },
      {
        slug: "merchant-risk",
        name: "Merchant risk scoring — {v}",
        purpose: "Scores {v} merchants for acquiring risk (chargebacks, insolvency) to set reserves.",
        variants: ["online retail", "travel", "gaming", "marketplaces"],
        profile: { role: "PROVIDER" },
        features: ["chargeback_ratio", "refund_ratio", "mcc_risk"],
        metric: "auc",
        dataset: { name: "Merchant acquiring history", source: "Acquiring platform", personalData: false },
      },
      {
        slug: "chargeback-prediction",
        name: "Chargeback prediction — {v}",
        purpose: "Predicts which {v} disputes will become chargebacks, to route them to the right queue.",
        variants: ["card disputes", "direct debits"],
        profile: { role: "PROVIDER" },
        features: ["dispute_reason", "amount", "merchant_response_time"],
        metric: "f1",
        dataset: { name: "Dispute outcomes", source: "Dispute management system", personalData: true },
      },
    ],
  },
  {
    name: "Insurance",
    production: 44,
    families: [
      {
        slug: "life-pricing",
        name: "Life insurance risk pricing — {v}",
        purpose: "Assesses mortality risk and prices {v} life cover for natural persons.",
        variants: ["term life UK", "term life Germany", "whole of life", "mortgage protection", "group life"],
        profile: { role: "PROVIDER", annexIII: { 5: ["5C"] }, profiling: true },
        features: ["age", "bmi_band", "smoker", "sum_assured"],
        metric: "gini",
        dataset: { name: "Life underwriting applications", source: "Underwriting platform and medical questionnaires", personalData: true, specialCategory: true },
      },
      {
        slug: "health-underwriting",
        name: "Health insurance underwriting — {v}",
        purpose: "Risk-assesses and prices {v} health insurance for natural persons.",
        variants: ["individual plans", "dental", "critical illness", "income protection"],
        profile: { role: "PROVIDER", annexIII: { 5: ["5C"] }, profiling: true },
        features: ["age", "claims_history", "occupation_class"],
        metric: "loss_ratio_error",
        dataset: { name: "Health policy and claims history", source: "Policy administration and claims systems", personalData: true, specialCategory: true },
      },
      {
        slug: "motor-pricing",
        name: "Motor insurance pricing — {v}",
        purpose: "Prices {v} motor insurance policies from vehicle and driving data.",
        variants: ["private cars UK", "private cars Spain", "vans", "motorcycles", "fleet"],
        profile: { role: "PROVIDER" },
        features: ["vehicle_group", "annual_mileage", "postcode_risk"],
        metric: "gini",
        dataset: { name: "Motor quotes and claims", source: "Quote engine and claims system", personalData: true },
      },
      {
        slug: "claims-triage",
        name: "Claims triage — {v}",
        purpose: "Routes incoming {v} claims to fast-track or specialist handling.",
        variants: ["home", "motor", "travel", "pet", "gadget"],
        profile: { role: "PROVIDER" },
        features: ["claim_amount", "policy_age_days", "channel"],
        metric: "accuracy",
        dataset: { name: "Historic claims handling", source: "Claims system", personalData: true },
      },
      {
        slug: "claims-fraud",
        name: "Claims fraud detection — {v}",
        purpose: "Flags suspicious {v} claims for the special investigations unit.",
        variants: ["home", "motor", "travel"],
        profile: { role: "PROVIDER" },
        features: ["claim_amount", "days_since_inception", "network_score"],
        metric: "precision",
        dataset: { name: "Investigated claims", source: "Special investigations unit case files", personalData: true },
      },
      {
        slug: "policy-assistant",
        name: "Policy assistant — {v}",
        purpose: "A chat assistant answering {v} policyholders' questions about cover and claims.",
        variants: ["web", "mobile app"],
        profile: { role: "DEPLOYER", art50: ["INTERACTS_WITH_PEOPLE"] },
        features: ["intent_confidence"],
        metric: "containment_rate",
        dataset: { name: "Policy FAQ transcripts", source: "Contact-centre transcripts, pseudonymised", personalData: true },
      },
    ],
  },
  {
    name: "People/HR",
    production: 24,
    families: [
      {
        slug: "cv-screening",
        name: "CV screening — {v}",
        purpose: "Ranks applications for {v} roles to decide which candidates are invited to interview.",
        variants: ["graduate programme", "contact centre", "technology", "branch staff", "risk and compliance", "operations"],
        profile: { role: "DEPLOYER", annexIII: { 4: ["4A"] }, profiling: true },
        features: ["years_experience", "skills_match", "education_level"],
        metric: "selection_rate_ratio",
        dataset: { name: "Historic applications and hiring outcomes", source: "Applicant tracking system", personalData: true },
      },
      {
        slug: "performance-analytics",
        name: "Workforce performance analytics — {v}",
        purpose: "Scores {v} employee performance to inform promotion and bonus decisions.",
        variants: ["contact centre", "branch network", "operations"],
        profile: { role: "PROVIDER", annexIII: { 4: ["4B"] }, profiling: true },
        features: ["targets_met", "peer_rating", "tenure_months"],
        metric: "calibration_error",
        dataset: { name: "Performance reviews", source: "HR information system", personalData: true },
      },
      {
        slug: "attrition-risk",
        name: "Employee attrition risk — {v}",
        purpose: "Predicts which {v} employees may resign, shown to HR business partners for retention conversations.",
        variants: ["technology", "contact centre"],
        profile: { role: "PROVIDER", annexIII: { 4: ["4B"] }, profiling: true },
        features: ["tenure_months", "pay_percentile", "manager_changes"],
        metric: "auc",
        dataset: { name: "Employee lifecycle events", source: "HR information system", personalData: true },
      },
      {
        slug: "interview-scheduling",
        name: "Interview scheduling assistant — {v}",
        purpose: "Proposes interview slots for shortlisted {v} candidates from interviewer calendars; it does not assess candidates.",
        variants: ["all roles"],
        profile: { role: "DEPLOYER", annexIII: { 4: ["4A"] }, profiling: false, derogation: ["NARROW_PROCEDURAL_TASK"] },
        features: ["slots_offered"],
        metric: "booking_rate",
        dataset: { name: "Interview calendar bookings", source: "Calendar system", personalData: true },
      },
      {
        slug: "hr-helpdesk",
        name: "HR helpdesk assistant — {v}",
        purpose: "Answers {v} employees' questions about policies, leave and payroll.",
        variants: ["intranet", "Teams"],
        profile: { role: "DEPLOYER", art50: ["INTERACTS_WITH_PEOPLE"] },
        features: ["intent_confidence"],
        metric: "containment_rate",
        dataset: { name: "HR policy knowledge base", source: "Intranet policy pages", personalData: false },
      },
    ],
  },
  {
    name: "Marketing",
    production: 41,
    families: [
      {
        slug: "campaign-propensity",
        name: "Campaign propensity model — {v}",
        purpose: "Predicts response to {v} campaigns to choose whom to contact.",
        variants: ["savings", "credit cards", "insurance cross-sell", "mortgage refinance", "premium accounts", "investments", "travel money", "pensions"],
        profile: { role: "PROVIDER" },
        features: ["recency", "frequency", "channel_preference"],
        metric: "uplift",
        dataset: { name: "Campaign contact history", source: "Marketing automation platform", personalData: true },
      },
      {
        slug: "ad-copy-generation",
        name: "Generative ad copy — {v}",
        purpose: "Generates draft {v} advertising text and images for marketers to review before publication.",
        variants: ["social media", "display banners", "email", "app notifications", "search ads"],
        profile: { role: "PROVIDER", art50: ["SYNTHETIC_CONTENT"] },
        features: ["toxicity_score", "brand_compliance"],
        metric: "approval_rate",
        dataset: { name: "Approved brand copy corpus", source: "Marketing asset library", personalData: false },
      },
      {
        slug: "customer-segmentation",
        name: "Customer segmentation — {v}",
        purpose: "Clusters {v} customers into lifestyle segments for campaign planning.",
        variants: MARKETS,
        profile: { role: "PROVIDER" },
        features: ["spend_mix", "digital_engagement", "life_stage"],
        metric: "silhouette",
        dataset: { name: "Customer spend aggregates", source: "Card spend aggregates", personalData: true },
      },
      {
        slug: "marketing-attribution",
        name: "Marketing attribution — {v}",
        purpose: "Attributes {v} conversions to marketing touchpoints to set budgets.",
        variants: ["digital", "TV and radio", "branch"],
        profile: { role: "PROVIDER" },
        features: ["touchpoints", "spend"],
        metric: "mape",
        dataset: { name: "Touchpoint logs", source: "Web analytics and media spend", personalData: false },
      },
    ],
  },
  {
    name: "Operations",
    production: 32,
    families: [
      {
        slug: "atm-cash-forecast",
        name: "ATM cash demand forecasting — {v}",
        purpose: "Forecasts daily cash withdrawals per ATM in {v} to plan replenishment.",
        variants: MARKETS,
        profile: { role: "PROVIDER" },
        features: ["withdrawals_lag7", "payday_flag", "holiday_flag"],
        metric: "mape",
        dataset: { name: "ATM withdrawal history", source: "ATM switch logs", personalData: false },
      },
      {
        slug: "call-volume-forecast",
        name: "Contact-centre volume forecasting — {v}",
        purpose: "Forecasts {v} contact-centre call volumes to plan staffing.",
        variants: ["retail", "insurance", "collections", "business banking"],
        profile: { role: "PROVIDER" },
        features: ["calls_lag7", "campaign_flag"],
        metric: "mape",
        dataset: { name: "Call arrival history", source: "Telephony platform", personalData: false },
      },
      {
        slug: "document-classification",
        name: "Document classification — {v}",
        purpose: "Classifies scanned {v} documents and extracts key fields for back-office processing.",
        variants: ["mortgage packs", "KYC documents", "claims forms", "correspondence", "invoices"],
        profile: { role: "DEPLOYER" },
        features: ["ocr_confidence", "page_count"],
        metric: "field_accuracy",
        dataset: { name: "Labelled scanned documents", source: "Document management system", personalData: true },
      },
      {
        slug: "it-anomaly-detection",
        name: "IT incident anomaly detection — {v}",
        purpose: "Detects anomalies in {v} telemetry to open IT incidents early.",
        variants: ["core banking", "payments hub", "mobile app", "data warehouse"],
        profile: { role: "PROVIDER" },
        features: ["latency_p95", "error_rate", "cpu"],
        metric: "precision",
        dataset: { name: "Infrastructure telemetry", source: "Observability platform", personalData: false },
      },
    ],
  },
];

/** The HR system the background article warns about: the classifier must flag it (Art. 5(1)(f)). */
export const PROHIBITED_FAMILY: ModelFamily = {
  slug: "agent-emotion-monitor",
  name: "Contact-centre agent emotion monitor",
  purpose: "Infers the emotions of contact-centre employees from their voice during calls and reports stress and frustration scores to team leaders.",
  variants: [""],
  profile: { role: "DEPLOYER", art5: ["EMOTION_RECOGNITION_WORK_EDUCATION"] },
  features: ["stress_score", "frustration_score"],
  metric: "accuracy",
  dataset: { name: "Agent call audio features", source: "Call recordings (vendor processing)", personalData: true, specialCategory: true },
};

/** Model families seen only before or after production (development, validation, retired). */
export const NON_PRODUCTION_FAMILIES: readonly ModelFamily[] = [
  {
    slug: "llm-complaints-summariser",
    name: "Complaints summariser — {v}",
    purpose: "Summarises {v} customer complaints for case handlers.",
    variants: ["retail", "insurance", "payments", "business banking", "pilot"],
    profile: { role: "DEPLOYER" },
    features: ["summary_length"],
    metric: "rouge_l",
    dataset: { name: "Complaint case notes", source: "Complaints system", personalData: true },
  },
  {
    slug: "research-sandbox",
    name: "Research prototype — {v}",
    purpose: "Research on {v}, used only inside the data science lab and never deployed.",
    variants: ["graph fraud rings", "synthetic data", "causal uplift", "federated learning", "explainability"],
    profile: { role: "PROVIDER" },
    features: ["metric"],
    metric: "auc",
    dataset: { name: "Research sample", source: "Sampled from the data lake", personalData: true },
  },
];
