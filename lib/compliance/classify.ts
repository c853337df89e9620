// Turns questionnaire answers into a risk class, its legal basis, a reasoning trail and the obligations that
// follow for our role. Order of precedence: scope (Art. 3(1), Art. 2) → prohibited (Art. 5) → high-risk
// (Art. 6(1) Annex I, Art. 6(2) Annex III with the Art. 6(3) derogation and its profiling override) →
// limited (an Art. 50 duty that falls on OUR role and is not lifted by an exemption) → minimal. A bare
// general-purpose AI model (not an AI system) is classified as a model: Chapter V duties, no system class.
// The legal basis lists every provision the reasoning relies on (definitions, safeguards, exemptions), each
// a key of the article table (articles.ts).

import { deriveBasisFlags, type BasisFlags } from "./basis-flags";
import {
  ANNEX_III_AREAS,
  annexIIIQuestionId,
  effectiveAnswer,
  isRelevant,
  NONE,
  QUESTIONS,
  QUESTIONS_BY_ID,
  REALTIME_RBI,
  SYSTEMIC_RISK_FLOP_THRESHOLD,
  validateAnswer,
  YES,
  type AnswerProblem,
  type AnswerValue,
  type Answers,
} from "./questionnaire";
import { ACTOR_ROLES, type ActorRole, type RiskClass } from "./types";

export type ReasoningStep = { questionId: string | null; article: string; text: string };

export type Obligation = { id: string; title: string; article: string };

export type ClassificationResult = {
  riskClass: RiskClass;
  /** legal-basis identifiers (see LEGAL_BASES); empty while UNCLASSIFIED */
  legalBasis: string[];
  /** Art. 50 duties on top of the class: "ART_50_1", "ART_50_2", "ART_50_3", "ART_50_4_DEEPFAKE", "ART_50_4_TEXT" */
  transparencyDuties: string[];
  gpai: boolean;
  gpaiSystemicRisk: boolean;
  /** the role answered, and the role the Act treats us as after Art. 25(1) */
  role: ActorRole | null;
  effectiveRole: ActorRole | null;
  /** deployer is a public body / provides public services (Art. 27(1)) */
  publicService: boolean;
  reasoning: ReasoningStep[];
  /** what follows for `effectiveRole` */
  obligations: Obligation[];
  /** relevant questions without a valid answer, in questionnaire order */
  unanswered: string[];
  invalid: AnswerProblem[];
};

// ---------- obligations as data ----------

type FlagName = keyof BasisFlags | "gpai" | "gpaiSystemicRisk" | "gpaiNotOpenSourceExempt" | "publicService" | "ART_50_1" | "ART_50_2" | "ART_50_3" | "ART_50_4";

type ObligationRule = Obligation & {
  classes: readonly RiskClass[];
  roles: readonly ActorRole[];
  /** every flag must hold */
  requires?: readonly FlagName[];
};

const ALL_ROLES = ACTOR_ROLES;
const IN_SCOPE_CLASSES: readonly RiskClass[] = ["HIGH", "LIMITED", "MINIMAL"];
const P: readonly ActorRole[] = ["PROVIDER"];
const D: readonly ActorRole[] = ["DEPLOYER"];
const H: readonly RiskClass[] = ["HIGH"];

export const OBLIGATION_RULES: readonly ObligationRule[] = [
  {
    id: "COMPLETE_CLASSIFICATION",
    title: "Answer every relevant classification question; until then the system counts as unclassified",
    article: "Art. 5, 6, 50",
    classes: ["UNCLASSIFIED"],
    roles: ALL_ROLES,
  },
  {
    id: "KEEP_SCOPE_RATIONALE",
    title: "Keep the reasoning why the AI Act does not apply, and revisit it when the use changes",
    article: "Art. 2, Art. 3(1)",
    classes: ["OUT_OF_SCOPE"],
    roles: ALL_ROLES,
  },
  { id: "ART_5_CEASE", title: "Do not place on the market, put into service or use the system; withdraw it", article: "Art. 5", classes: ["PROHIBITED"], roles: ALL_ROLES },
  {
    id: "ART_4",
    title: "Take measures to support a sufficient level of AI literacy of staff and others dealing with the system",
    article: "Art. 4, as amended by Reg. (EU) 2026/1744",
    classes: IN_SCOPE_CLASSES,
    roles: ["PROVIDER", "DEPLOYER"],
    requires: ["aiSystem"],
  },
  // high-risk, provider (Art. 16 lists them)
  { id: "ART_9", title: "Establish, document and maintain a risk management system", article: "Art. 9", classes: H, roles: P },
  {
    id: "ART_10",
    title: "Data governance: training, validation and test data quality, provenance and bias examination (special-category data for bias detection only under Art. 4a)",
    article: "Art. 10; Art. 4a",
    classes: H,
    roles: P,
  },
  { id: "ART_11", title: "Draw up and keep up to date the technical documentation (Annex IV)", article: "Art. 11; Annex IV", classes: H, roles: P },
  { id: "ART_12", title: "Automatic recording of events (logs) over the lifetime of the system", article: "Art. 12", classes: H, roles: P },
  { id: "ART_13", title: "Transparency to deployers: instructions for use", article: "Art. 13", classes: H, roles: P },
  { id: "ART_14", title: "Design for effective human oversight", article: "Art. 14", classes: H, roles: P },
  { id: "ART_15", title: "Appropriate accuracy, robustness and cybersecurity, declared in the instructions", article: "Art. 15", classes: H, roles: P },
  { id: "ART_16", title: "Provider obligations: name and address on the system, accessibility, corrective actions, cooperation", article: "Art. 16", classes: H, roles: P },
  { id: "ART_17", title: "Quality management system", article: "Art. 17", classes: H, roles: P },
  { id: "ART_18", title: "Keep the documentation for 10 years after placing on the market", article: "Art. 18", classes: H, roles: P },
  { id: "ART_19", title: "Keep automatically generated logs for at least six months", article: "Art. 19", classes: H, roles: P },
  { id: "ART_20", title: "Take corrective actions and inform when the system is not in conformity", article: "Art. 20", classes: H, roles: P },
  { id: "ART_43", title: "Conformity assessment before placing on the market", article: "Art. 43", classes: H, roles: P },
  { id: "ART_47", title: "EU declaration of conformity", article: "Art. 47", classes: H, roles: P },
  { id: "ART_48", title: "CE marking", article: "Art. 48", classes: H, roles: P },
  { id: "ART_49_1", title: "Register the system in the EU database before placing it on the market", article: "Art. 49(1)", classes: H, roles: P, requires: ["annexIIIHighOutsidePoint2"] },
  { id: "ART_72", title: "Post-market monitoring system and plan", article: "Art. 72", classes: H, roles: P },
  { id: "ART_73", title: "Report serious incidents to the market surveillance authority (15 / 10 / 2 days)", article: "Art. 73", classes: H, roles: P },
  // high-risk, deployer
  { id: "ART_26_1", title: "Use the system in accordance with its instructions for use", article: "Art. 26(1)", classes: H, roles: D },
  { id: "ART_26_2", title: "Assign human oversight to competent, trained people with authority", article: "Art. 26(2)", classes: H, roles: D },
  { id: "ART_26_4", title: "Ensure input data is relevant and sufficiently representative (where we control it)", article: "Art. 26(4)", classes: H, roles: D },
  { id: "ART_26_5", title: "Monitor operation, inform the provider, suspend use and report serious incidents", article: "Art. 26(5)", classes: H, roles: D },
  { id: "ART_26_6", title: "Keep the logs under our control for at least six months", article: "Art. 26(6)", classes: H, roles: D },
  { id: "ART_26_7", title: "Inform workers' representatives and affected workers before use at the workplace", article: "Art. 26(7)", classes: H, roles: D },
  {
    id: "ART_26_8",
    title: "Public-authority deployers: use only registered systems and register our use",
    article: "Art. 26(8), 49(3)",
    classes: H,
    roles: D,
    requires: ["publicService", "annexIIIHighOutsidePoint2"],
  },
  { id: "ART_26_11", title: "Inform natural persons that they are subject to the system's decisions", article: "Art. 26(11)", classes: H, roles: D, requires: ["annexIIIHigh"] },
  { id: "ART_27", title: "Fundamental rights impact assessment before first use, notified to the market surveillance authority", article: "Art. 27", classes: H, roles: D, requires: ["fria"] },
  { id: "ART_86", title: "Explain individual decisions to affected persons on request", article: "Art. 86", classes: H, roles: D, requires: ["annexIIIHighOutsidePoint2"] },
  // high-risk, importer / distributor
  {
    id: "ART_23",
    title: "Importer: verify conformity assessment, technical documentation, CE marking, declaration and authorised representative; keep records 10 years",
    article: "Art. 23",
    classes: H,
    roles: ["IMPORTER"],
  },
  { id: "ART_24", title: "Distributor: verify CE marking, declaration of conformity and instructions; act on non-conformity", article: "Art. 24", classes: H, roles: ["DISTRIBUTOR"] },
  // Art. 6(3) derogation
  {
    id: "ART_6_4",
    title: "Document the assessment that the Annex III system is not high-risk before placing it on the market",
    article: "Art. 6(4)",
    classes: ["LIMITED", "MINIMAL"],
    roles: P,
    requires: ["derogation"],
  },
  { id: "ART_49_2", title: "Register the derogated system in the EU database", article: "Art. 49(2)", classes: ["LIMITED", "MINIMAL"], roles: P, requires: ["derogation"] },
  // Art. 50
  {
    id: "ART_50_1",
    title: "Inform people that they are interacting with an AI system, clearly and at the latest at the first interaction",
    article: "Art. 50(1), 50(5)",
    classes: IN_SCOPE_CLASSES,
    roles: P,
    requires: ["ART_50_1"],
  },
  { id: "ART_50_2", title: "Mark synthetic outputs in a machine-readable, detectable way", article: "Art. 50(2)", classes: IN_SCOPE_CLASSES, roles: P, requires: ["ART_50_2"] },
  {
    id: "ART_50_3",
    title: "Inform exposed people of the emotion recognition or biometric categorisation, at the latest at first exposure",
    article: "Art. 50(3), 50(5)",
    classes: IN_SCOPE_CLASSES,
    roles: D,
    requires: ["ART_50_3"],
  },
  {
    id: "ART_50_4",
    title: "Disclose that content is a deep fake / artificially generated text on matters of public interest, at the latest at first exposure",
    article: "Art. 50(4), 50(5)",
    classes: IN_SCOPE_CLASSES,
    roles: D,
    requires: ["ART_50_4"],
  },
  // GPAI (Chapter V): the open-source exemption (Art. 53(2), 54(6)) never covers a systemic-risk model
  {
    id: "ART_53",
    title: "GPAI provider: technical documentation for the AI Office (Annex XI) and information for downstream providers (Annex XII)",
    article: "Art. 53(1)(a)-(b)",
    classes: IN_SCOPE_CLASSES,
    roles: P,
    requires: ["gpai", "gpaiNotOpenSourceExempt"],
  },
  {
    id: "ART_53_1_CD",
    title: "GPAI provider: copyright compliance policy and public summary of the training content",
    article: "Art. 53(1)(c)-(d)",
    classes: IN_SCOPE_CLASSES,
    roles: P,
    requires: ["gpai"],
  },
  {
    id: "ART_54",
    title: "GPAI provider established outside the Union: appoint an authorised representative in the Union",
    article: "Art. 54(1)",
    classes: IN_SCOPE_CLASSES,
    roles: P,
    requires: ["gpai", "gpaiNotOpenSourceExempt"],
  },
  { id: "ART_52", title: "Notify the Commission within two weeks that the systemic-risk threshold is met", article: "Art. 52(1)", classes: IN_SCOPE_CLASSES, roles: P, requires: ["gpaiSystemicRisk"] },
  {
    id: "ART_55",
    title: "GPAI with systemic risk: evaluations and adversarial testing, risk mitigation, incident reporting, cybersecurity",
    article: "Art. 55",
    classes: IN_SCOPE_CLASSES,
    roles: P,
    requires: ["gpaiSystemicRisk"],
  },
];

export type ObligationContext = {
  riskClass: RiskClass;
  role: ActorRole;
  legalBasis: readonly string[];
  transparencyDuties: readonly string[];
  gpai: boolean;
  gpaiSystemicRisk: boolean;
  publicService: boolean;
};

/** The obligations for a role, from a stored classification (also used by the UI for a ModelFacts). */
export function obligationsFor(context: ObligationContext): Obligation[] {
  const flags = deriveBasisFlags(context.riskClass, context.legalBasis, context.publicService);
  const has = (flag: FlagName): boolean => {
    switch (flag) {
      case "gpai":
        return context.gpai;
      case "gpaiSystemicRisk":
        return context.gpaiSystemicRisk;
      case "gpaiNotOpenSourceExempt":
        return context.gpaiSystemicRisk || !context.legalBasis.includes("ART_53_2");
      case "publicService":
        return context.publicService;
      case "ART_50_1":
      case "ART_50_2":
      case "ART_50_3":
        return context.transparencyDuties.includes(flag);
      case "ART_50_4":
        return context.transparencyDuties.some((d) => d.startsWith("ART_50_4"));
      default:
        return flags[flag];
    }
  };
  return OBLIGATION_RULES.filter((rule) => rule.classes.includes(context.riskClass) && rule.roles.includes(context.role) && (rule.requires ?? []).every(has)).map(({ id, title, article }) => ({
    id,
    title,
    article,
  }));
}

// ---------- classification ----------

function asList(answer: AnswerValue | undefined): readonly string[] {
  if (answer === undefined || typeof answer === "number") return [];
  return typeof answer === "string" ? [answer] : answer;
}

function chosenOptions(questionId: string, answer: AnswerValue | undefined) {
  const question = QUESTIONS_BY_ID.get(questionId);
  const values = asList(answer).filter((v) => v !== NONE);
  return (question?.options ?? []).filter((o) => values.includes(o.value));
}

function describeAnswer(questionId: string, answer: AnswerValue): ReasoningStep {
  const question = QUESTIONS_BY_ID.get(questionId);
  const article = question?.article ?? "";
  if (typeof answer === "number") return { questionId, article, text: `${question?.text ?? questionId} → ${answer.toExponential(2)}` };
  const labels = (question?.options ?? []).filter((o) => asList(answer).includes(o.value)).map((o) => (o.article ? `${o.label} (${o.article})` : o.label));
  return { questionId, article, text: `${question?.text ?? questionId} → ${labels.join("; ")}` };
}

const isRole = (value: AnswerValue | undefined): value is ActorRole => typeof value === "string" && (ACTOR_ROLES as readonly string[]).includes(value);

export function classify(answers: Answers): ClassificationResult {
  const reasoning: ReasoningStep[] = [];
  const unanswered: string[] = [];
  const invalid: AnswerProblem[] = [];
  for (const question of QUESTIONS) {
    const raw = answers[question.id];
    const problem = validateAnswer(question, raw);
    if (problem !== null) invalid.push({ questionId: question.id, message: problem });
    if (!isRelevant(question, answers)) continue;
    if (raw === undefined || problem !== null) unanswered.push(question.id);
    else reasoning.push(describeAnswer(question.id, raw));
  }

  const roleAnswer = effectiveAnswer(answers, "role");
  const role = isRole(roleAnswer) ? roleAnswer : null;
  const publicService = effectiveAnswer(answers, "deployer.public-service") === YES;

  const result = (
    riskClass: RiskClass,
    legalBasis: string[],
    conclusion: ReasoningStep,
    extra: Partial<Pick<ClassificationResult, "transparencyDuties" | "gpai" | "gpaiSystemicRisk" | "effectiveRole" | "role">> = {},
  ): ClassificationResult => {
    const resultRole = extra.role ?? role;
    const transparencyDuties = extra.transparencyDuties ?? [];
    const gpai = extra.gpai ?? false;
    const gpaiSystemicRisk = extra.gpaiSystemicRisk ?? false;
    const effectiveRole = extra.effectiveRole ?? resultRole;
    return {
      riskClass,
      legalBasis,
      transparencyDuties,
      gpai,
      gpaiSystemicRisk,
      role: resultRole,
      effectiveRole,
      publicService,
      reasoning: [...reasoning, conclusion],
      obligations:
        effectiveRole === null
          ? // role not (yet) known: only the obligations that bind every role
            OBLIGATION_RULES.filter((r) => r.classes.includes(riskClass) && r.roles.length === ACTOR_ROLES.length).map(({ id, title, article }) => ({ id, title, article }))
          : obligationsFor({ riskClass, role: effectiveRole, legalBasis, transparencyDuties, gpai, gpaiSystemicRisk, publicService }),
      unanswered,
      invalid,
    };
  };

  if (unanswered.length > 0) {
    const list = unanswered.map((id) => `"${QUESTIONS_BY_ID.get(id)?.text ?? id}"`).join(", ");
    return result("UNCLASSIFIED", [], {
      questionId: null,
      article: "Art. 5, 6, 50",
      text: `Unclassified: ${unanswered.length} relevant question(s) unanswered or invalid: ${list}. A model is never treated as minimal risk by default.`,
    });
  }

  const gpaiFacts = gpaiVerdict(answers);

  // scope: not an AI system. A general-purpose AI model we provide is still regulated as a model.
  if (effectiveAnswer(answers, "scope.ai-system") !== YES) {
    if (gpaiFacts.gpai) {
      return result(
        "MINIMAL",
        ["ART_3_1_NOT_AI_SYSTEM", ...gpaiFacts.legalBasis],
        {
          questionId: "gpai.model",
          article: gpaiFacts.articles,
          text: `General-purpose AI model without an AI system of ours: no AI-system risk class applies (Art. 3(1)); as its provider we owe the Chapter V duties: ${gpaiFacts.conclusion}.`,
        },
        { gpai: true, gpaiSystemicRisk: gpaiFacts.systemic, effectiveRole: "PROVIDER", role: "PROVIDER" },
      );
    }
    return result("OUT_OF_SCOPE", ["ART_3_1_NOT_AI_SYSTEM"], {
      questionId: "scope.ai-system",
      article: "Art. 3(1)",
      text: "Out of scope: not an AI system within the meaning of Art. 3(1), and not a general-purpose AI model we provide (Art. 3(63)).",
    });
  }
  const exclusions = chosenOptions("scope.exclusion", effectiveAnswer(answers, "scope.exclusion"));
  if (exclusions.length > 0) {
    return result("OUT_OF_SCOPE", basesOf(exclusions), {
      questionId: "scope.exclusion",
      article: exclusions.map((o) => o.article).join(", "),
      text: `Out of scope: ${exclusions.map((o) => `${o.label} (${o.article})`).join("; ")}.`,
    });
  }

  // Art. 5
  const practiceAnswer = effectiveAnswer(answers, "art5.practices");
  const rbiException = effectiveAnswer(answers, "art5.rbi-exception") === YES;
  const practices = chosenOptions("art5.practices", practiceAnswer).filter((o) => !(o.value === REALTIME_RBI && rbiException));
  if (practices.length > 0) {
    return result("PROHIBITED", unique([...basesOf(practices), ...practices.flatMap((o) => DEFINITIONS_OF_PRACTICE[o.value] ?? [])]), {
      questionId: "art5.practices",
      article: practices.map((o) => o.article).join(", "),
      text: `Prohibited practice: ${practices.map((o) => `${o.label} (${o.article})`).join("; ")}. The system must not be placed on the market, put into service or used.`,
    });
  }

  const legalBasis: string[] = [];
  const conclusions: string[] = [];
  const articles: string[] = [];
  let high = false;

  if (rbiException) {
    high = true;
    legalBasis.push("ART_5_1_H_EXCEPTION", "ART_5_2", "ART_5_3", "ART_3_41", "ART_3_42", "ANNEX_III_1A_VIA_ART_5_1_H");
    conclusions.push(
      "real-time remote biometric identification under an Art. 5(1)(h) exception, subject to the safeguards of Art. 5(2) (targeted person, fundamental rights impact assessment, registration) and the prior authorisation of Art. 5(3), is a high-risk remote biometric identification use (Annex III, point 1(a))",
    );
    articles.push("Art. 5(1)(h), 5(2), 5(3); Annex III, point 1(a)");
  }

  // Art. 6(1) / Annex I, with Art. 6(1a)-(1c) as inserted by the 2026 Omnibus (each one an answer)
  const products = chosenOptions("annex-i.product", effectiveAnswer(answers, "annex-i.product"));
  if (products.length > 0) {
    const productLabels = products.map((o) => o.label).join(", ");
    const productArticles = products.map((o) => o.article).join(", ");
    const fn = effectiveAnswer(answers, "annex-i.safety-function");
    const thirdParty = effectiveAnswer(answers, "annex-i.third-party");
    if (fn === "NON_SAFETY_COMPONENT") {
      legalBasis.push("ART_6_1A");
      conclusions.push(`a component of a product under ${productLabels} used only for purposes other than safety is not a safety component, so Art. 6(1) does not apply (Art. 6(1a)-(1b))`);
      articles.push("Art. 6(1a)-(1b)");
    } else if (thirdParty === "NON_SAFETY_REASONS") {
      legalBasis.push("ART_6_1C");
      conclusions.push(
        `the third-party conformity assessment of the product under ${productLabels} is required only for reasons other than health and safety, which does not count for Art. 6(1)(b) (Art. 6(1c))`,
      );
      articles.push("Art. 6(1c)");
    } else if (thirdParty === YES) {
      high = true;
      legalBasis.push("ART_6_1", ...(fn === "SAFETY_COMPONENT" ? ["ART_3_14"] : []), ...basesOf(products));
      conclusions.push(`${fn === "SAFETY_COMPONENT" ? "safety component of a product" : "product"} under ${productLabels} requiring third-party conformity assessment`);
      articles.push(`Art. 6(1); ${productArticles}`);
      if (products.every((o) => o.value.startsWith("B"))) {
        legalBasis.push("ART_2_2");
        conclusions.push("for Annex I Section B products only Art. 6(1), 102-109 and 112 apply directly; the requirements reach the system through the sectoral legislation (Art. 2(2))");
        articles.push("Art. 2(2)");
      }
    }
  }

  // Art. 6(2) / Annex III and the Art. 6(3) derogation
  const points = ANNEX_III_AREAS.flatMap((a) => chosenOptions(annexIIIQuestionId(a.area), effectiveAnswer(answers, annexIIIQuestionId(a.area))));
  if (points.length > 0) {
    const pointBases = unique([...basesOf(points), ...points.flatMap((o) => DEFINITIONS_OF_ANNEX_III[o.value] ?? [])]);
    const pointArticles = points.map((o) => o.article?.replace("Art. 6(2); ", "") ?? "").join(", ");
    if (effectiveAnswer(answers, "art6-3.profiling") === YES) {
      high = true;
      legalBasis.push("ART_6_2", ...pointBases, "ART_6_3_PROFILING", "ART_3_52");
      conclusions.push(`Annex III use (${pointArticles}) with profiling of natural persons: always high-risk, no derogation`);
      articles.push(`Art. 6(2), 6(3) third subparagraph, 3(52); ${pointArticles}`);
    } else {
      const conditions = chosenOptions("art6-3.conditions", effectiveAnswer(answers, "art6-3.conditions"));
      if (conditions.length > 0) {
        legalBasis.push(...pointBases, ...basesOf(conditions), "ART_6_4", "ART_49_2");
        conclusions.push(
          `Annex III use (${pointArticles}) is not high-risk under the Art. 6(3) derogation (${conditions.map((o) => `${o.label}, ${o.article}`).join("; ")}); the provider must document this assessment (Art. 6(4)) and register the system (Art. 49(2))`,
        );
        articles.push(`Art. 6(3), 6(4), 49(2); ${pointArticles}`);
      } else {
        high = true;
        legalBasis.push("ART_6_2", ...pointBases);
        conclusions.push(`Annex III use (${pointArticles}), no Art. 6(3) condition met`);
        articles.push(`Art. 6(2); ${pointArticles}`);
      }
    }
  }

  // Art. 25: only a high-risk system turns a deployer/importer/distributor into its provider
  let effectiveRole = role;
  const triggers = chosenOptions("art25.triggers", effectiveAnswer(answers, "art25.triggers"));
  const art25Conclusion: string[] = [];
  if (triggers.length > 0) {
    if (high) {
      effectiveRole = "PROVIDER";
      legalBasis.push(...basesOf(triggers));
      art25Conclusion.push(`we are treated as the provider: ${triggers.map((o) => `${o.label} (${o.article})`).join("; ")}`);
      articles.push("Art. 25(1)");
    } else {
      art25Conclusion.push("the Art. 25(1) changes do not make us a provider because the system is not high-risk");
    }
  }

  // Art. 50: the class follows the duties that fall on our role, after the exemptions recorded as answers
  const transparency = transparencyVerdict(answers, effectiveRole);
  legalBasis.push(...transparency.legalBasis);
  conclusions.push(...transparency.conclusions);
  if (transparency.articles.length > 0) articles.push(transparency.articles.join(", "));
  conclusions.push(...art25Conclusion);
  const transparencyDuties = transparency.duties;

  const riskClass: RiskClass = high ? "HIGH" : transparencyDuties.length > 0 ? "LIMITED" : "MINIMAL";
  if (riskClass === "MINIMAL") {
    legalBasis.push("ART_95");
    conclusions.push("voluntary codes of conduct may apply the high-risk requirements (Art. 95)");
    articles.push("Art. 95");
  }

  if (gpaiFacts.gpai) {
    legalBasis.push(...gpaiFacts.legalBasis);
    conclusions.push(gpaiFacts.conclusion);
    articles.push(gpaiFacts.articles);
  }

  const headline: Record<string, string> = {
    HIGH: "High-risk",
    LIMITED: "Limited risk (transparency obligations of our role)",
    MINIMAL: "Minimal risk: no Annex I/III use and no Art. 50 duty on our role",
  };
  return result(
    riskClass,
    unique(legalBasis),
    {
      questionId: null,
      article: articles.length > 0 ? articles.join("; ") : "Art. 5, 6, 50",
      text: `${headline[riskClass] ?? riskClass}${conclusions.length > 0 ? `: ${conclusions.join("; ")}` : ""}.`,
    },
    { transparencyDuties, gpai: gpaiFacts.gpai, gpaiSystemicRisk: gpaiFacts.systemic, effectiveRole },
  );
}

// ---------- helpers: definitions, GPAI, Art. 50 ----------

const unique = (values: readonly string[]): string[] => [...new Set(values)];
const basesOf = (options: readonly { basis?: string }[]): string[] => options.flatMap((o) => (o.basis ? [o.basis] : []));

/** The Art. 3 definitions a prohibited practice rests on. */
const DEFINITIONS_OF_PRACTICE: Readonly<Record<string, readonly string[]>> = {
  EMOTION_RECOGNITION_WORK_EDUCATION: ["ART_3_39"],
  BIOMETRIC_CATEGORISATION_SENSITIVE: ["ART_3_40"],
  [REALTIME_RBI]: ["ART_3_41", "ART_3_42"],
};

/** The Art. 3 definitions an Annex III point rests on. */
const DEFINITIONS_OF_ANNEX_III: Readonly<Record<string, readonly string[]>> = {
  "1A": ["ART_3_41"],
  "1B": ["ART_3_40"],
  "1C": ["ART_3_39"],
};

type GpaiVerdict = { gpai: boolean; systemic: boolean; legalBasis: string[]; conclusion: string; articles: string };

function gpaiVerdict(answers: Answers): GpaiVerdict {
  if (effectiveAnswer(answers, "gpai.model") !== YES) return { gpai: false, systemic: false, legalBasis: [], conclusion: "", articles: "" };
  const legalBasis = ["ART_53_GPAI", "ART_3_63"];
  const flop = effectiveAnswer(answers, "gpai.training-flop");
  let systemic = false;
  if (typeof flop === "number" && flop > SYSTEMIC_RISK_FLOP_THRESHOLD) {
    systemic = true;
    legalBasis.push("ART_51_2");
  } else if (effectiveAnswer(answers, "gpai.designated") === YES) {
    systemic = true;
    legalBasis.push("ART_51_1_B");
  }
  if (systemic) {
    legalBasis.push("ART_3_65", "ART_52", "ART_53", "ART_55");
    return {
      gpai: true,
      systemic,
      legalBasis,
      conclusion: "general-purpose AI model with systemic risk (Art. 51): notification (Art. 52) and the Art. 53 and 55 obligations; the open-source exemptions do not apply to systemic-risk models",
      articles: "Art. 3(63), 51, 52, 53, 55",
    };
  }
  if (effectiveAnswer(answers, "gpai.open-source") === YES) {
    legalBasis.push("ART_53_2", "ART_54_6", "ART_53");
    return {
      gpai: true,
      systemic,
      legalBasis,
      conclusion:
        "general-purpose AI model (Art. 3(63)) released as free and open-source: exempt from Art. 53(1)(a)-(b) (Art. 53(2)) and from the authorised-representative duty (Art. 54(6)); the copyright policy and training-content summary (Art. 53(1)(c)-(d)) remain",
      articles: "Art. 3(63), 53(1)(c)-(d), 53(2), 54(6)",
    };
  }
  legalBasis.push("ART_53", "ART_54");
  return {
    gpai: true,
    systemic,
    legalBasis,
    conclusion: "general-purpose AI model (Art. 3(63)): Art. 53 obligations (and an authorised representative if we are established outside the Union, Art. 54)",
    articles: "Art. 3(63), 53, 54",
  };
}

type Art50Case = { value: string; duty: string; holder: ActorRole; exemptionQuestion: string; definitions: readonly string[] };

/** Who owes each Art. 50 duty: 50(1)-(2) the provider, 50(3)-(4) the deployer. */
const ART_50_CASES: readonly Art50Case[] = [
  { value: "INTERACTS_WITH_PEOPLE", duty: "ART_50_1", holder: "PROVIDER", exemptionQuestion: "art50.exemption-1", definitions: [] },
  { value: "SYNTHETIC_CONTENT", duty: "ART_50_2", holder: "PROVIDER", exemptionQuestion: "art50.exemption-2", definitions: [] },
  { value: "EMOTION_OR_BIOMETRIC_CATEGORISATION", duty: "ART_50_3", holder: "DEPLOYER", exemptionQuestion: "art50.exemption-3", definitions: ["ART_3_39", "ART_3_40"] },
  { value: "DEEPFAKE", duty: "ART_50_4_DEEPFAKE", holder: "DEPLOYER", exemptionQuestion: "art50.exemption-4-deepfake", definitions: ["ART_3_60"] },
  { value: "PUBLIC_INTEREST_TEXT", duty: "ART_50_4_TEXT", holder: "DEPLOYER", exemptionQuestion: "art50.exemption-4-text", definitions: [] },
];

/** Exemption answers that keep the duty (in a limited form) rather than lift it. */
const LIMITING_EXEMPTIONS = new Set(["ARTISTIC"]);

function transparencyVerdict(answers: Answers, role: ActorRole | null) {
  const chosen = chosenOptions("art50.cases", effectiveAnswer(answers, "art50.cases"));
  const duties: string[] = [];
  const legalBasis: string[] = [];
  const conclusions: string[] = [];
  const articles: string[] = [];
  for (const option of chosen) {
    const c = ART_50_CASES.find((x) => x.value === option.value);
    if (!c) continue;
    const article = option.article ?? "Art. 50";
    if (role !== c.holder) {
      conclusions.push(`${option.label} (${article}): the duty lies with the ${c.holder.toLowerCase()}, not with us as ${role?.toLowerCase() ?? "unknown role"}`);
      continue;
    }
    const exemptionValue = effectiveAnswer(answers, c.exemptionQuestion);
    const exemption = typeof exemptionValue === "string" && exemptionValue !== NONE ? chosenOptions(c.exemptionQuestion, exemptionValue)[0] : undefined;
    if (exemption && !LIMITING_EXEMPTIONS.has(exemption.value)) {
      legalBasis.push(...basesOf([exemption]));
      conclusions.push(`${option.label} (${article}): exempt, ${exemption.label} (${exemption.article ?? article})`);
      articles.push(exemption.article ?? article);
      continue;
    }
    duties.push(c.duty);
    legalBasis.push(c.duty, ...c.definitions, ...(exemption ? basesOf([exemption]) : []));
    conclusions.push(`transparency duty: ${option.label} (${article})${exemption ? `; limited: ${exemption.label}` : ""}`);
    articles.push(article);
  }
  if (duties.length > 0) {
    legalBasis.push("ART_50_5");
    articles.push("Art. 50(5)");
  }
  return { duties, legalBasis: unique(legalBasis), conclusions, articles };
}

export { describeLegalBasis } from "./articles";
