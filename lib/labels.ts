// Human labels for enum values, shared by pages and PDFs.
import type { ActorRole, Lifecycle, RiskClass, Role } from "./generated/prisma/enums";

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrator",
  COMPLIANCE_OFFICER: "Compliance officer",
  MODEL_OWNER: "Model owner",
  EXECUTIVE: "Executive",
  AUDITOR: "Auditor",
};

export const RISK_CLASS_LABELS: Record<RiskClass, string> = {
  PROHIBITED: "Prohibited (Art. 5)",
  HIGH: "High risk",
  LIMITED: "Limited risk (Art. 50)",
  MINIMAL: "Minimal risk",
  OUT_OF_SCOPE: "Out of scope",
  UNCLASSIFIED: "Unclassified",
};

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = {
  DEVELOPMENT: "Development",
  VALIDATION: "Validation",
  PRODUCTION: "Production",
  RETIRED: "Retired",
};

export const ACTOR_ROLE_LABELS: Record<ActorRole, string> = {
  PROVIDER: "Provider",
  DEPLOYER: "Deployer",
  IMPORTER: "Importer",
  DISTRIBUTOR: "Distributor",
};
