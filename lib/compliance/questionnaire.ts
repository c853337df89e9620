// The classification questionnaire as data: the UI renders it, `classify` evaluates it, and the PDF quotes
// the article each question and answer cites. Relevance is data too (a tiny condition language), so the
// same definition drives the form's follow-up questions and the "is anything unanswered?" check.
//
// Article references are to Regulation (EU) 2024/1689 (the AI Act) as amended by Regulation (EU) 2026/1744
// (the 2026 Digital Omnibus on AI); amended or inserted provisions say so. Every `basis` id resolves to the
// article table (articles.ts), which is the one place a provision's title and application date live.

export type AnswerValue = string | readonly string[] | number;
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

export type AnswerOption = {
  value: string;
  label: string;
  /** the provision this answer rests on, shown beside the answer */
  article?: string;
  /** legal-basis identifier recorded when this answer is chosen (see LEGAL_BASES) */
  basis?: string;
  help?: string;
};

/**
 * Relevance conditions. A condition on a question that is unanswered (or not itself relevant) is false,
 * so follow-up questions appear only once the question they depend on has an answer.
 */
export type Condition =
  | { question: string; is: readonly string[] }
  | { question: string; isNot: readonly string[] }
  | { question: string; greaterThan: number }
  | { question: string; atMost: number }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] };

export type QuestionKind = "single" | "multi" | "number";

export type Question = {
  id: string;
  kind: QuestionKind;
  text: string;
  help: string;
  article: string;
  options: readonly AnswerOption[];
  /** for multi questions: the "none of these" value, which cannot be combined with others */
  noneValue?: string;
  /** absent means always relevant */
  relevantWhen?: Condition;
  /** for number questions */
  unit?: string;
};

export const YES = "YES";
export const NO = "NO";
export const NONE = "NONE";

const yesNo = (yes: Omit<AnswerOption, "value" | "label"> = {}, no: Omit<AnswerOption, "value" | "label"> = {}) =>
  [
    { value: YES, label: "Yes", ...yes },
    { value: NO, label: "No", ...no },
  ] as const satisfies readonly AnswerOption[];

const noneOption = (label = "None of these"): AnswerOption => ({ value: NONE, label });

// ---------- Article 5 ----------

/** Art. 5(1)(h) is the one practice with an exception that turns it into a (high-risk) permitted use. */
export const REALTIME_RBI = "REALTIME_RBI";

export const ART_5_OPTIONS = [
  {
    value: "MANIPULATION",
    label: "Deploys subliminal, purposefully manipulative or deceptive techniques that materially distort behaviour and cause or are likely to cause significant harm",
    article: "Art. 5(1)(a)",
    basis: "ART_5_1_A",
  },
  {
    value: "EXPLOIT_VULNERABILITIES",
    label: "Exploits vulnerabilities due to age, disability or a specific social or economic situation to materially distort behaviour, causing or likely to cause significant harm",
    article: "Art. 5(1)(b)",
    basis: "ART_5_1_B",
  },
  {
    value: "SOCIAL_SCORING",
    label: "Evaluates or classifies people over time by social behaviour or personal characteristics, leading to detrimental treatment in unrelated contexts or out of proportion (social scoring)",
    article: "Art. 5(1)(c)",
    basis: "ART_5_1_C",
  },
  {
    value: "PREDICTIVE_POLICING_PROFILING",
    label: "Assesses or predicts the risk that a person commits a criminal offence based solely on profiling or on personality traits and characteristics",
    article: "Art. 5(1)(d)",
    basis: "ART_5_1_D",
    help: "Not prohibited when it supports a human assessment already based on objective, verifiable facts directly linked to a criminal activity.",
  },
  {
    value: "FACIAL_SCRAPING",
    label: "Creates or expands facial recognition databases through untargeted scraping of facial images from the internet or CCTV footage",
    article: "Art. 5(1)(e)",
    basis: "ART_5_1_E",
  },
  {
    value: "EMOTION_RECOGNITION_WORK_EDUCATION",
    label: "Infers emotions of people in the workplace or in education institutions (other than for medical or safety reasons)",
    article: "Art. 5(1)(f)",
    basis: "ART_5_1_F",
  },
  {
    value: "BIOMETRIC_CATEGORISATION_SENSITIVE",
    label: "Categorises people by biometric data to deduce or infer race, political opinions, trade union membership, religious or philosophical beliefs, sex life or sexual orientation",
    article: "Art. 5(1)(g)",
    basis: "ART_5_1_G",
    help: "Labelling or filtering of lawfully acquired biometric datasets, and categorisation in law enforcement, are outside this prohibition.",
  },
  {
    value: REALTIME_RBI,
    label: "Real-time remote biometric identification of people in publicly accessible spaces for law enforcement",
    article: "Art. 5(1)(h)",
    basis: "ART_5_1_H",
  },
  {
    value: "NON_CONSENSUAL_INTIMATE_CONTENT",
    label: "Generates or manipulates sexually explicit or intimate image, video or audio content depicting an identifiable natural person without that person's consent",
    article: "Art. 5(1)(ba), as inserted by Reg. (EU) 2026/1744 (applies from 2 Dec 2026)",
    basis: "ART_5_1_BA",
    help: "For providers this also covers systems for which such output is a reasonably foreseeable result of their use without adequate safeguards.",
  },
  {
    value: "CHILD_SEXUAL_ABUSE_MATERIAL",
    label: "Generates or manipulates child sexual abuse material",
    article: "Art. 5(1)(bb), as inserted by Reg. (EU) 2026/1744 (applies from 2 Dec 2026)",
    basis: "ART_5_1_BB",
  },
] as const satisfies readonly AnswerOption[];

const ART_5_PRACTICES_OTHER_THAN_RBI = ART_5_OPTIONS.map((o) => o.value).filter((v) => v !== REALTIME_RBI);

// ---------- Annex I (Art. 6(1)) ----------

export const ANNEX_I_OPTIONS = [
  { value: "A2", label: "Toys (Directive 2009/48/EC)", article: "Annex I, Section A, point 2" },
  { value: "A3", label: "Recreational craft and personal watercraft (Directive 2013/53/EU)", article: "Annex I, Section A, point 3" },
  { value: "A4", label: "Lifts (Directive 2014/33/EU)", article: "Annex I, Section A, point 4" },
  { value: "A5", label: "Equipment for potentially explosive atmospheres (Directive 2014/34/EU)", article: "Annex I, Section A, point 5" },
  { value: "A6", label: "Radio equipment (Directive 2014/53/EU)", article: "Annex I, Section A, point 6" },
  { value: "A7", label: "Pressure equipment (Directive 2014/68/EU)", article: "Annex I, Section A, point 7" },
  { value: "A8", label: "Cableway installations (Regulation (EU) 2016/424)", article: "Annex I, Section A, point 8" },
  { value: "A9", label: "Personal protective equipment (Regulation (EU) 2016/425)", article: "Annex I, Section A, point 9" },
  { value: "A10", label: "Appliances burning gaseous fuels (Regulation (EU) 2016/426)", article: "Annex I, Section A, point 10" },
  { value: "A11", label: "Medical devices (Regulation (EU) 2017/745)", article: "Annex I, Section A, point 11" },
  { value: "A12", label: "In vitro diagnostic medical devices (Regulation (EU) 2017/746)", article: "Annex I, Section A, point 12" },
  { value: "B13", label: "Civil aviation security (Regulation (EC) No 300/2008)", article: "Annex I, Section B, point 13" },
  { value: "B14", label: "Two- or three-wheel vehicles and quadricycles (Regulation (EU) No 168/2013)", article: "Annex I, Section B, point 14" },
  { value: "B15", label: "Agricultural and forestry vehicles (Regulation (EU) No 167/2013)", article: "Annex I, Section B, point 15" },
  { value: "B16", label: "Marine equipment (Directive 2014/90/EU)", article: "Annex I, Section B, point 16" },
  { value: "B17", label: "Interoperability of the rail system (Directive (EU) 2016/797)", article: "Annex I, Section B, point 17" },
  { value: "B18", label: "Motor vehicles and their trailers (Regulation (EU) 2018/858)", article: "Annex I, Section B, point 18" },
  { value: "B19", label: "Type-approval of motor vehicles, general safety (Regulation (EU) 2019/2144)", article: "Annex I, Section B, point 19" },
  { value: "B20", label: "Civil aviation, unmanned aircraft (Regulation (EU) 2018/1139)", article: "Annex I, Section B, point 20" },
  {
    value: "B21",
    label: "Machinery and related products (Regulation (EU) 2023/1230)",
    article: "Annex I, Section B, point 21, as inserted by Reg. (EU) 2026/1744 (moved from Section A, point 1)",
  },
].map((o) => ({ ...o, basis: `ANNEX_I_${o.value}` })) satisfies readonly AnswerOption[];

// ---------- Annex III (Art. 6(2)) ----------

type AnnexIIIArea = { area: number; title: string; points: readonly { letter: string; label: string }[] };

export const ANNEX_III_AREAS: readonly AnnexIIIArea[] = [
  {
    area: 1,
    title: "Biometrics (where permitted by Union or national law)",
    points: [
      { letter: "a", label: "Remote biometric identification (not mere verification that a person is who they claim to be)" },
      { letter: "b", label: "Biometric categorisation according to sensitive or protected attributes or characteristics" },
      { letter: "c", label: "Emotion recognition" },
    ],
  },
  {
    area: 2,
    title: "Critical infrastructure",
    points: [
      {
        letter: "",
        label: "Safety component in the management and operation of critical digital infrastructure, road traffic, or the supply of water, gas, heating or electricity",
      },
    ],
  },
  {
    area: 3,
    title: "Education and vocational training",
    points: [
      { letter: "a", label: "Determining access or admission, or assigning people to education and vocational training institutions" },
      { letter: "b", label: "Evaluating learning outcomes, including to steer the learning process" },
      { letter: "c", label: "Assessing the appropriate level of education a person will receive or can access" },
      { letter: "d", label: "Monitoring and detecting prohibited behaviour of students during tests" },
    ],
  },
  {
    area: 4,
    title: "Employment, workers management and access to self-employment",
    points: [
      { letter: "a", label: "Recruitment or selection: targeted job advertisements, analysing and filtering applications, evaluating candidates" },
      {
        letter: "b",
        label: "Decisions on terms of work relationships, promotion or termination, task allocation based on behaviour or personal traits, or monitoring and evaluating performance and behaviour",
      },
    ],
  },
  {
    area: 5,
    title: "Access to and enjoyment of essential private services and essential public services and benefits",
    points: [
      {
        letter: "a",
        label: "Public authorities evaluating eligibility for essential public assistance benefits and services (incl. healthcare), or granting, reducing, revoking or reclaiming them",
      },
      { letter: "b", label: "Evaluating creditworthiness or establishing a credit score (except for detecting financial fraud)" },
      { letter: "c", label: "Risk assessment and pricing in relation to natural persons for life and health insurance" },
      {
        letter: "d",
        label: "Evaluating and classifying emergency calls, dispatching emergency first response services, or emergency healthcare patient triage",
      },
    ],
  },
  {
    area: 6,
    title: "Law enforcement (where permitted by Union or national law)",
    points: [
      { letter: "a", label: "Assessing the risk of a natural person becoming the victim of criminal offences" },
      { letter: "b", label: "Polygraphs or similar tools" },
      { letter: "c", label: "Evaluating the reliability of evidence in investigating or prosecuting criminal offences" },
      {
        letter: "d",
        label: "Assessing the risk of offending or re-offending not solely on profiling, or assessing personality traits or past criminal behaviour",
      },
      { letter: "e", label: "Profiling in the detection, investigation or prosecution of criminal offences" },
    ],
  },
  {
    area: 7,
    title: "Migration, asylum and border control management (where permitted by Union or national law)",
    points: [
      { letter: "a", label: "Polygraphs or similar tools" },
      { letter: "b", label: "Assessing a security, irregular-migration or health risk posed by a person who intends to enter or has entered" },
      { letter: "c", label: "Assisting the examination of applications for asylum, visa or residence permits and related complaints" },
      { letter: "d", label: "Detecting, recognising or identifying persons (except verification of travel documents)" },
    ],
  },
  {
    area: 8,
    title: "Administration of justice and democratic processes",
    points: [
      {
        letter: "a",
        label: "Assisting a judicial authority (or alternative dispute resolution) in researching and interpreting facts and law and applying the law",
      },
      {
        letter: "b",
        label: "Influencing the outcome of an election or referendum or voting behaviour (not tools whose output people are not directly exposed to, such as campaign logistics)",
      },
    ],
  },
];

const annexIIIPointValue = (area: number, letter: string) => `${area}${letter.toUpperCase()}`;
const annexIIIArticle = (area: number, letter: string) => (letter ? `Art. 6(2); Annex III, point ${area}(${letter})` : `Art. 6(2); Annex III, point ${area}`);

export const annexIIIQuestionId = (area: number) => `annex-iii.${area}`;

// ---------- shared relevance conditions ----------

const IN_SCOPE: Condition = { question: "scope.exclusion", is: [NONE] };

/** No Art. 5 practice, or only real-time RBI under one of its exceptions. */
const NOT_PROHIBITED: Condition = {
  all: [
    IN_SCOPE,
    {
      any: [
        { question: "art5.practices", is: [NONE] },
        {
          all: [
            { question: "art5.practices", isNot: ART_5_PRACTICES_OTHER_THAN_RBI },
            { question: "art5.rbi-exception", is: [YES] },
          ],
        },
      ],
    },
  ],
};

const ANY_ANNEX_III_POINT: Condition = {
  all: [NOT_PROHIBITED, { any: ANNEX_III_AREAS.map((a) => ({ question: annexIIIQuestionId(a.area), isNot: [NONE] })) }],
};

/**
 * The GPAI questions are asked of an in-scope, not prohibited system, and also when the entry is not an AI
 * system at all: a general-purpose AI model is regulated as a model (Chapter V), with or without a system.
 */
const GPAI_ASKED: Condition = { any: [NOT_PROHIBITED, { question: "scope.ai-system", is: [NO] }] };

/** Cumulative training compute above which a GPAI model is presumed to have high-impact capabilities. */
export const SYSTEMIC_RISK_FLOP_THRESHOLD = 1e25;

// ---------- Art. 50 exemptions, recorded as answers ----------

const LAW_ENFORCEMENT = "LAW_ENFORCEMENT";
const exemptionQuestion = (id: string, caseValue: string, text: string, article: string, options: readonly AnswerOption[]): Question => ({
  id,
  kind: "single",
  text,
  help: "An exemption that applies must be recorded: it is cited in the legal basis and shown in the reasoning, and the duty it lifts is not owed.",
  article,
  relevantWhen: { all: [NOT_PROHIBITED, { question: "art50.cases", is: [caseValue] }] },
  options: [...options, { value: NONE, label: "No exemption applies", article }],
});

export const ART_50_EXEMPTION_QUESTIONS: readonly Question[] = [
  exemptionQuestion("art50.exemption-1", "INTERACTS_WITH_PEOPLE", "Does an Art. 50(1) exemption apply to the interaction notice?", "Art. 50(1)", [
    {
      value: "OBVIOUS",
      label:
        "It is obvious from the point of view of a reasonably well-informed, observant and circumspect person, taking into account the circumstances and context of use, that they interact with an AI system",
      article: "Art. 50(1)",
      basis: "ART_50_1_OBVIOUS",
    },
    {
      value: LAW_ENFORCEMENT,
      label: "Authorised by law to detect, prevent, investigate or prosecute criminal offences (and not available for the public to report a criminal offence)",
      article: "Art. 50(1)",
      basis: "ART_50_1_LAW_ENFORCEMENT",
    },
  ]),
  exemptionQuestion("art50.exemption-2", "SYNTHETIC_CONTENT", "Does an Art. 50(2) exemption apply to the marking of synthetic content?", "Art. 50(2)", [
    {
      value: "ASSISTIVE_EDITING",
      label: "It only performs an assistive function for standard editing, or does not substantially alter the input data provided by the deployer or its semantics",
      article: "Art. 50(2)",
      basis: "ART_50_2_ASSISTIVE",
    },
    { value: LAW_ENFORCEMENT, label: "Authorised by law to detect, prevent, investigate or prosecute criminal offences", article: "Art. 50(2)", basis: "ART_50_2_LAW_ENFORCEMENT" },
  ]),
  exemptionQuestion("art50.exemption-3", "EMOTION_OR_BIOMETRIC_CATEGORISATION", "Does the Art. 50(3) exemption apply to informing exposed people?", "Art. 50(3)", [
    {
      value: LAW_ENFORCEMENT,
      label: "Permitted by law to detect, prevent or investigate criminal offences, subject to appropriate safeguards for the rights and freedoms of third parties",
      article: "Art. 50(3)",
      basis: "ART_50_3_LAW_ENFORCEMENT",
    },
  ]),
  exemptionQuestion("art50.exemption-4-deepfake", "DEEPFAKE", "Does an Art. 50(4) exemption or limitation apply to the deep fake disclosure?", "Art. 50(4), first subparagraph", [
    {
      value: LAW_ENFORCEMENT,
      label: "Authorised by law to detect, prevent, investigate or prosecute criminal offences",
      article: "Art. 50(4), first subparagraph",
      basis: "ART_50_4_DEEPFAKE_LAW_ENFORCEMENT",
    },
    {
      value: "ARTISTIC",
      label: "Part of an evidently artistic, creative, satirical, fictional or analogous work: the disclosure is limited to one that does not hamper its display or enjoyment (the duty remains)",
      article: "Art. 50(4), first subparagraph",
      basis: "ART_50_4_ARTISTIC",
    },
  ]),
  exemptionQuestion("art50.exemption-4-text", "PUBLIC_INTEREST_TEXT", "Does an Art. 50(4) exemption apply to the AI-generated text disclosure?", "Art. 50(4), second subparagraph", [
    {
      value: LAW_ENFORCEMENT,
      label: "Authorised by law to detect, prevent, investigate or prosecute criminal offences",
      article: "Art. 50(4), second subparagraph",
      basis: "ART_50_4_TEXT_LAW_ENFORCEMENT",
    },
    {
      value: "EDITORIAL_RESPONSIBILITY",
      label: "The content has undergone human review or editorial control and a natural or legal person holds editorial responsibility for its publication",
      article: "Art. 50(4), second subparagraph",
      basis: "ART_50_4_TEXT_EDITORIAL",
    },
  ]),
];

export const QUESTIONS: readonly Question[] = [
  {
    id: "scope.ai-system",
    kind: "single",
    text: "Is it an AI system: a machine-based system that operates with some autonomy and infers from its input how to generate outputs such as predictions, content, recommendations or decisions?",
    help: "Systems that only execute rules defined by people (no inference) are not AI systems. When in doubt, answer Yes.",
    article: "Art. 3(1)",
    options: yesNo({ article: "Art. 3(1)" }, { article: "Art. 3(1)", basis: "ART_3_1_NOT_AI_SYSTEM" }),
  },
  {
    id: "scope.exclusion",
    kind: "multi",
    text: "Does one of the Art. 2 exclusions apply?",
    help: "An exclusion takes the system out of the Act entirely. A model developed in-house for later production use is classified by its intended use: the research exclusion is only for systems never placed on the market or put into service.",
    article: "Art. 2",
    relevantWhen: { question: "scope.ai-system", is: [YES] },
    noneValue: NONE,
    options: [
      {
        value: "MILITARY_DEFENCE_NATIONAL_SECURITY",
        label: "Used exclusively for military, defence or national security purposes",
        article: "Art. 2(3)",
        basis: "ART_2_3",
      },
      {
        value: "SCIENTIFIC_RESEARCH",
        label: "Developed and put into service for the sole purpose of scientific research and development",
        article: "Art. 2(6)",
        basis: "ART_2_6",
      },
      {
        value: "PRE_MARKET_RESEARCH",
        label: "Research, testing or development activity before it is placed on the market or put into service (no testing in real-world conditions)",
        article: "Art. 2(8)",
        basis: "ART_2_8",
      },
      {
        value: "PERSONAL_NON_PROFESSIONAL",
        label: "Used by a natural person in a purely personal, non-professional activity",
        article: "Art. 2(10)",
        basis: "ART_2_10",
      },
      noneOption("No exclusion applies"),
    ],
  },
  {
    id: "role",
    kind: "single",
    text: "What is our role for this system?",
    help: "Provider: we develop it (or have it developed) and place it on the market or put it into service under our name. Deployer: we use a system under our authority. Importer/distributor: we make a third party's system available.",
    article: "Art. 3(3)-(7)",
    relevantWhen: IN_SCOPE,
    options: [
      { value: "PROVIDER", label: "Provider", article: "Art. 3(3)" },
      { value: "DEPLOYER", label: "Deployer", article: "Art. 3(4)" },
      { value: "IMPORTER", label: "Importer", article: "Art. 3(6)" },
      { value: "DISTRIBUTOR", label: "Distributor", article: "Art. 3(7)" },
    ],
  },
  {
    id: "art5.practices",
    kind: "multi",
    text: "Does the system do any of the following prohibited practices?",
    help: "Any of these makes the system prohibited: it may not be placed on the market, put into service or used.",
    article: "Art. 5(1)",
    relevantWhen: IN_SCOPE,
    noneValue: NONE,
    options: [...ART_5_OPTIONS, noneOption()],
  },
  {
    id: "art5.rbi-exception",
    kind: "single",
    text: "Is the real-time remote biometric identification strictly necessary for one of the listed objectives (targeted search for victims of abduction, trafficking or sexual exploitation or for missing persons; preventing a specific, substantial and imminent threat to life or a terrorist attack; locating a suspect of a serious offence listed in Annex II) and authorised in advance?",
    help: "Only these uses, with prior judicial or independent administrative authorisation and national enabling law, escape the prohibition; they remain high-risk.",
    article: "Art. 5(1)(h)(i)-(iii), 5(2)-(3)",
    relevantWhen: { all: [IN_SCOPE, { question: "art5.practices", is: [REALTIME_RBI] }] },
    options: yesNo({ article: "Art. 5(1)(h)(i)-(iii)", basis: "ART_5_1_H_EXCEPTION" }, { article: "Art. 5(1)(h)" }),
  },
  {
    id: "deployer.public-service",
    kind: "single",
    text: "Are we a body governed by public law, or a private entity providing public services?",
    help: "Such deployers must carry out a fundamental rights impact assessment for most Annex III systems and register their use of them.",
    article: "Art. 27(1), 26(8), 49(3)",
    relevantWhen: { all: [NOT_PROHIBITED, { question: "role", is: ["DEPLOYER"] }] },
    options: yesNo({ article: "Art. 27(1)" }, { article: "Art. 27(1)" }),
  },
  {
    id: "gpai.model",
    kind: "single",
    text: "Is this (or does our entry include) a general-purpose AI model that we provide: a model trained on large data that displays significant generality and can competently perform a wide range of distinct tasks?",
    help: "Models used only for research, development or prototyping before being placed on the market are not covered. Asked even when the entry is not an AI system: a model we place on the market on its own carries the Chapter V duties (Art. 53-55).",
    article: "Art. 3(63), 51-55",
    relevantWhen: GPAI_ASKED,
    options: yesNo({ article: "Art. 3(63)", basis: "ART_53_GPAI" }, { article: "Art. 3(63)" }),
  },
  {
    id: "gpai.training-flop",
    kind: "number",
    text: "Cumulative compute used to train the model, in floating-point operations (FLOP)?",
    help: "Above 10^25 FLOP the model is presumed to have high-impact capabilities (systemic risk). Enter 0 if unknown to be small, e.g. 3e23.",
    article: "Art. 51(2)",
    unit: "FLOP",
    relevantWhen: { all: [GPAI_ASKED, { question: "gpai.model", is: [YES] }] },
    options: [],
  },
  {
    id: "gpai.designated",
    kind: "single",
    text: "Has the Commission designated the model as a general-purpose AI model with systemic risk?",
    help: "Designation can follow an alert of the scientific panel or a Commission decision, regardless of compute.",
    article: "Art. 51(1)(b), 52",
    relevantWhen: {
      all: [GPAI_ASKED, { question: "gpai.model", is: [YES] }, { question: "gpai.training-flop", atMost: SYSTEMIC_RISK_FLOP_THRESHOLD }],
    },
    options: yesNo({ article: "Art. 51(1)(b)", basis: "ART_51_1_B" }, { article: "Art. 51(1)(b)" }),
  },
  {
    id: "gpai.open-source",
    kind: "single",
    text: "Is the model released under a free and open-source licence that allows access, usage, modification and distribution, with its parameters (weights), architecture and usage information made publicly available?",
    help: "Such a model without systemic risk is exempt from Art. 53(1)(a)-(b) (technical documentation, downstream information) and from the authorised-representative duty; the copyright policy and training-content summary remain.",
    article: "Art. 53(2), 54(6)",
    relevantWhen: {
      all: [GPAI_ASKED, { question: "gpai.model", is: [YES] }, { question: "gpai.training-flop", atMost: SYSTEMIC_RISK_FLOP_THRESHOLD }, { question: "gpai.designated", is: [NO] }],
    },
    options: [
      { value: YES, label: "Yes: free and open-source licence, weights, architecture and usage information public (exemptions apply)", article: "Art. 53(2), 54(6)", basis: "ART_53_2" },
      { value: NO, label: "No: not released as free and open-source in that sense", article: "Art. 53(1)" },
    ],
  },
  {
    id: "annex-i.product",
    kind: "multi",
    text: "Is the system a safety component of a product, or itself a product, covered by any of this Union harmonisation legislation?",
    help: "A safety component protects health and safety: its failure or malfunction endangers people or property.",
    article: "Art. 6(1)(a); Annex I",
    relevantWhen: NOT_PROHIBITED,
    noneValue: NONE,
    options: [...ANNEX_I_OPTIONS, noneOption("No Annex I product")],
  },
  {
    id: "annex-i.safety-function",
    kind: "single",
    text: "What is the AI system in relation to that product?",
    help: "Choose the answer that fits: a component used only for purposes other than safety is its own answer, because it is not a safety component even inside a covered product.",
    article: "Art. 6(1)(a); Art. 3(14); Art. 6(1a)-(1b)",
    relevantWhen: { all: [NOT_PROHIBITED, { question: "annex-i.product", isNot: [NONE] }] },
    options: [
      {
        value: "SAFETY_COMPONENT",
        label: "A safety component: it fulfils a safety function for the product, or its failure or malfunction endangers the health and safety of persons or property",
        article: "Art. 6(1)(a); Art. 3(14)",
        basis: "ART_3_14",
      },
      { value: "PRODUCT", label: "The product itself, covered by that legislation", article: "Art. 6(1)(a)" },
      {
        value: "NON_SAFETY_COMPONENT",
        label: "A component used only for purposes other than safety (e.g. comfort, efficiency, user interface): not a safety component",
        article: "Art. 6(1a)-(1b), as inserted by Reg. (EU) 2026/1744",
        basis: "ART_6_1A",
      },
    ],
  },
  {
    id: "annex-i.third-party",
    kind: "single",
    text: "Must that product undergo a third-party conformity assessment under that legislation, with a view to placing it on the market or putting it into service?",
    help: "Say why the assessment is required: one required only for reasons other than health and safety is its own answer, because it does not make the system high-risk.",
    article: "Art. 6(1)(b); Art. 6(1c)",
    relevantWhen: {
      all: [NOT_PROHIBITED, { question: "annex-i.product", isNot: [NONE] }, { question: "annex-i.safety-function", isNot: ["NON_SAFETY_COMPONENT"] }],
    },
    options: [
      { value: YES, label: "Yes, a third-party conformity assessment covering health and safety", article: "Art. 6(1)(b)", basis: "ART_6_1" },
      {
        value: "NON_SAFETY_REASONS",
        label: "Yes, but only for reasons other than health and safety: does not count",
        article: "Art. 6(1c), as inserted by Reg. (EU) 2026/1744",
        basis: "ART_6_1C",
      },
      { value: NO, label: "No third-party conformity assessment (internal control only)", article: "Art. 6(1)(b)" },
    ],
  },
  {
    id: "annex-iii.areas",
    kind: "multi",
    text: "Is the system intended to be used in any of these areas?",
    help: "Choose every area that fits; the next questions ask for the exact use.",
    article: "Art. 6(2); Annex III",
    relevantWhen: NOT_PROHIBITED,
    noneValue: NONE,
    options: [...ANNEX_III_AREAS.map((a) => ({ value: `AREA_${a.area}`, label: `${a.area}. ${a.title}`, article: `Annex III, point ${a.area}` })), noneOption("None of these areas")],
  },
  ...ANNEX_III_AREAS.map((a): Question => ({
    id: annexIIIQuestionId(a.area),
    kind: "multi",
    text: `${a.title}: which of these uses applies?`,
    help: "Only the listed uses are high-risk; choose none if the system is in the area but does none of them.",
    article: `Art. 6(2); Annex III, point ${a.area}`,
    relevantWhen: { all: [NOT_PROHIBITED, { question: "annex-iii.areas", is: [`AREA_${a.area}`] }] },
    noneValue: NONE,
    options: [
      ...a.points.map((p) => ({
        value: annexIIIPointValue(a.area, p.letter),
        label: p.label,
        article: annexIIIArticle(a.area, p.letter),
        basis: `ANNEX_III_${annexIIIPointValue(a.area, p.letter)}`,
      })),
      noneOption("None of these uses"),
    ],
  })),
  {
    id: "art6-3.profiling",
    kind: "single",
    text: "Does the system perform profiling of natural persons (automated evaluation of personal aspects such as performance at work, economic situation, health, preferences, reliability, behaviour, location)?",
    help: "An Annex III system that profiles people is always high-risk; the Art. 6(3) derogation is then unavailable.",
    article: "Art. 6(3), third subparagraph; Art. 3(52); GDPR Art. 4(4)",
    relevantWhen: ANY_ANNEX_III_POINT,
    options: yesNo({ article: "Art. 6(3), third subparagraph", basis: "ART_6_3_PROFILING" }, { article: "Art. 6(3)" }),
  },
  {
    id: "art6-3.conditions",
    kind: "multi",
    text: "Does the system only do one of the following, so that it does not materially influence the outcome of decisions?",
    help: "If any condition holds, the Annex III use is not high-risk (Art. 6(3)); the provider must document that assessment before placing it on the market or putting it into service (Art. 6(4)) and register it (Art. 49(2)).",
    article: "Art. 6(3), second subparagraph",
    relevantWhen: { all: [ANY_ANNEX_III_POINT, { question: "art6-3.profiling", is: [NO] }] },
    noneValue: NONE,
    options: [
      { value: "NARROW_PROCEDURAL_TASK", label: "Performs a narrow procedural task", article: "Art. 6(3)(a)", basis: "ART_6_3_A" },
      {
        value: "IMPROVES_COMPLETED_HUMAN_ACTIVITY",
        label: "Improves the result of a previously completed human activity",
        article: "Art. 6(3)(b)",
        basis: "ART_6_3_B",
      },
      {
        value: "DETECTS_PATTERNS_WITHOUT_REPLACING_HUMAN",
        label: "Detects decision-making patterns or deviations from prior patterns, without replacing or influencing the completed human assessment absent proper human review",
        article: "Art. 6(3)(c)",
        basis: "ART_6_3_C",
      },
      {
        value: "PREPARATORY_TASK",
        label: "Performs a preparatory task to an assessment relevant to the Annex III use cases",
        article: "Art. 6(3)(d)",
        basis: "ART_6_3_D",
      },
      noneOption("None: it materially influences decisions"),
    ],
  },
  {
    id: "art50.cases",
    kind: "multi",
    text: "Does any of these transparency situations apply?",
    help: "These duties apply on top of any risk class, but only the ones that fall on our role: 50(1) and 50(2) bind providers, 50(3) and 50(4) deployers. Exemptions are asked next.",
    article: "Art. 50",
    relevantWhen: NOT_PROHIBITED,
    noneValue: NONE,
    options: [
      { value: "INTERACTS_WITH_PEOPLE", label: "It interacts directly with natural persons (e.g. a chatbot or voice agent)", article: "Art. 50(1)", basis: "ART_50_1" },
      {
        value: "SYNTHETIC_CONTENT",
        label: "It generates synthetic audio, image, video or text content",
        article: "Art. 50(2)",
        basis: "ART_50_2",
      },
      {
        value: "EMOTION_OR_BIOMETRIC_CATEGORISATION",
        label: "It is an emotion recognition or biometric categorisation system (where not prohibited)",
        article: "Art. 50(3)",
        basis: "ART_50_3",
      },
      {
        value: "DEEPFAKE",
        label: "It generates or manipulates image, audio or video content constituting a deep fake",
        article: "Art. 50(4), first subparagraph",
        basis: "ART_50_4_DEEPFAKE",
      },
      {
        value: "PUBLIC_INTEREST_TEXT",
        label: "It generates or manipulates text published with the purpose of informing the public on matters of public interest",
        article: "Art. 50(4), second subparagraph",
        basis: "ART_50_4_TEXT",
      },
      noneOption(),
    ],
  },
  ...ART_50_EXEMPTION_QUESTIONS,
  {
    id: "art25.triggers",
    kind: "multi",
    text: "Have we done any of the following with this system?",
    help: "For a high-risk system, any of these makes us its provider, with all provider obligations.",
    article: "Art. 25(1)",
    relevantWhen: { all: [NOT_PROHIBITED, { question: "role", isNot: ["PROVIDER"] }] },
    noneValue: NONE,
    options: [
      { value: "REBRAND", label: "Put our name or trademark on it", article: "Art. 25(1)(a)", basis: "ART_25_1_A" },
      {
        value: "SUBSTANTIAL_MODIFICATION",
        label: "Made a substantial modification to it (it remains high-risk)",
        article: "Art. 25(1)(b)",
        basis: "ART_25_1_B",
      },
      {
        value: "CHANGED_PURPOSE_TO_HIGH_RISK",
        label: "Changed its intended purpose so that it becomes high-risk",
        article: "Art. 25(1)(c)",
        basis: "ART_25_1_C",
      },
      noneOption(),
    ],
  },
];

export const QUESTIONS_BY_ID: ReadonlyMap<string, Question> = new Map(QUESTIONS.map((q) => [q.id, q]));

// ---------- evaluation ----------

function answerIncludes(answer: AnswerValue | undefined, values: readonly string[]): boolean {
  if (answer === undefined || typeof answer === "number") return false;
  if (typeof answer === "string") return values.includes(answer);
  return answer.some((a) => values.includes(a));
}

export type AnswerProblem = { questionId: string; message: string };

/** Why an answer is unusable, or null when it is a valid answer to the question. */
export function validateAnswer(question: Question, answer: AnswerValue | undefined): string | null {
  if (answer === undefined) return null;
  if (question.kind === "number") {
    if (typeof answer !== "number" || !Number.isFinite(answer) || answer < 0) return "expects a non-negative finite number";
    return null;
  }
  const allowed = question.options.map((o) => o.value);
  if (question.kind === "single") {
    if (typeof answer !== "string") return "expects one option";
    return allowed.includes(answer) ? null : `"${answer}" is not an option`;
  }
  if (typeof answer === "string" || typeof answer === "number") return "expects a list of options";
  if (answer.length === 0) return "no option chosen";
  const unknown = answer.find((a) => !allowed.includes(a));
  if (unknown !== undefined) return `"${unknown}" is not an option`;
  if (question.noneValue && answer.includes(question.noneValue) && answer.length > 1) {
    return `"${question.noneValue}" cannot be combined with other options`;
  }
  return null;
}

/** A question's answer if it is relevant and valid, else undefined; the single accessor classify uses. */
export function effectiveAnswer(answers: Answers, questionId: string): AnswerValue | undefined {
  const question = QUESTIONS_BY_ID.get(questionId);
  if (!question) return undefined;
  const answer = answers[questionId];
  if (answer === undefined || validateAnswer(question, answer) !== null) return undefined;
  if (!isRelevant(question, answers)) return undefined;
  return answer;
}

export function evaluateCondition(condition: Condition, answers: Answers): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, answers));
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, answers));
  const answer = effectiveAnswer(answers, condition.question);
  if (answer === undefined) return false;
  if ("is" in condition) return answerIncludes(answer, condition.is);
  if ("isNot" in condition) return !answerIncludes(answer, condition.isNot);
  if (typeof answer !== "number") return false;
  if ("greaterThan" in condition) return answer > condition.greaterThan;
  return answer <= condition.atMost;
}

export function isRelevant(question: Question, answers: Answers): boolean {
  return question.relevantWhen === undefined || evaluateCondition(question.relevantWhen, answers);
}

/** The questions to show for the current answers, in questionnaire order. */
export function relevantQuestions(answers: Answers): Question[] {
  return QUESTIONS.filter((q) => isRelevant(q, answers));
}

/** The first relevant question without a valid answer, or null when the questionnaire is complete. */
export function nextQuestion(answers: Answers): Question | null {
  for (const q of QUESTIONS) {
    if (isRelevant(q, answers) && (answers[q.id] === undefined || validateAnswer(q, answers[q.id]) !== null)) return q;
  }
  return null;
}
