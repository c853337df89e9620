// EU database registration (Art. 49, Art. 71, Annex VIII): which section of Annex VIII a model must be
// registered under for our role, the data that section requires, and what is still missing. The
// registration id (`euDatabaseId`) is the number the EU database gives the entry once registered.

export type RegistrationSectionId = "A" | "B" | "C";

export type RegistrationField = { key: string; point: string; label: string; required: boolean };

export type RegistrationSection = { id: RegistrationSectionId; title: string; article: string; fields: readonly RegistrationField[] };

const f = (key: string, point: string, label: string, required = true): RegistrationField => ({ key, point, label, required });

export const ANNEX_VIII_SECTIONS: Readonly<Record<RegistrationSectionId, RegistrationSection>> = {
  A: {
    id: "A",
    title: "High-risk AI system registered by its provider",
    article: "Art. 49(1), 71; Annex VIII, Section A",
    fields: [
      f("providerContact", "1", "Name, address and contact details of the provider"),
      f("submitterContact", "2", "Name, address and contact details of the person submitting on the provider's behalf (where applicable)", false),
      f("authorisedRepresentative", "3", "Name, address and contact details of the authorised representative (where applicable)", false),
      f("tradeName", "4", "AI system trade name and any additional unambiguous reference allowing its identification and traceability"),
      f("intendedPurpose", "5", "Description of the intended purpose and of the components and functions supported through the system"),
      f("dataAndLogic", "6", "Basic and concise description of the information used by the system (data, inputs) and its operating logic"),
      f("status", "7", "Status of the system (on the market or in service; no longer on the market or in service; recalled)"),
      f("certificate", "8", "Type, number and expiry date of the notified body's certificate and the body's name or identification number (where applicable)", false),
      f("certificateCopy", "9", "Scanned copy of that certificate (where applicable)", false),
      f("memberStates", "10", "Member States in which the system is placed on the market, put into service or made available"),
      f("declarationOfConformity", "11", "Copy of the EU declaration of conformity (Art. 47)"),
      f("instructionsForUse", "12", "Electronic instructions for use (not for Annex III points 1, 6 and 7 in law enforcement, migration, asylum and border control)", false),
      f("moreInformationUrl", "13", "URL for additional information (optional)", false),
    ],
  },
  B: {
    id: "B",
    title: "Annex III system the provider concluded is not high-risk (Art. 6(3))",
    article: "Art. 49(2), 71; Annex VIII, Section B",
    fields: [
      f("providerContact", "1", "Name, address and contact details of the provider"),
      f("submitterContact", "2", "Name, address and contact details of the person submitting on the provider's behalf (where applicable)", false),
      f("authorisedRepresentative", "3", "Name, address and contact details of the authorised representative (where applicable)", false),
      f("tradeName", "4", "AI system trade name and any additional unambiguous reference allowing its identification and traceability"),
      f("intendedPurpose", "5", "Description of the intended purpose of the AI system"),
      f("derogationConditions", "6", "The condition or conditions under Art. 6(3) based on which the system is considered not high-risk"),
      f("derogationGrounds", "7", "Short summary of the grounds on which the system is considered not high-risk in application of Art. 6(3)"),
      f("status", "8", "Status of the system (on the market or in service; no longer on the market or in service; recalled)"),
      f("memberStates", "9", "Member States in which the system is placed on the market, put into service or made available"),
    ],
  },
  C: {
    id: "C",
    title: "Use of a high-risk AI system registered by a public-authority deployer",
    article: "Art. 26(8), 49(3), 71; Annex VIII, Section C",
    fields: [
      f("deployerContact", "1", "Name, address and contact details of the deployer"),
      f("submitterContact", "2", "Name, address and contact details of the person submitting on the deployer's behalf", false),
      f("providerEntryUrl", "3", "URL of the entry of the AI system in the EU database by its provider"),
      f("friaSummary", "4", "Summary of the findings of the fundamental rights impact assessment (Art. 27)"),
      f("dpiaSummary", "5", "Summary of the data protection impact assessment (Art. 35 GDPR / Art. 27 Directive (EU) 2016/680), where applicable (Art. 26(8))", false),
    ],
  },
};

export type RegistrationData = Readonly<Record<string, string | undefined>>;

export type RegistrationStatus = {
  section: RegistrationSection;
  registrationId: string | null;
  /** required fields left blank, in Annex VIII order */
  missing: RegistrationField[];
  complete: boolean;
};

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === "";

export function registrationStatus(section: RegistrationSectionId, data: RegistrationData | null, registrationId: string | null): RegistrationStatus {
  const s = ANNEX_VIII_SECTIONS[section];
  const missing = s.fields.filter((x) => x.required && blank(data?.[x.key]));
  return { section: s, registrationId: blank(registrationId) ? null : registrationId, missing, complete: missing.length === 0 && !blank(registrationId) };
}

/** The machine-readable export of a model's registration data (what is submitted to the EU database). */
export function registrationExport(modelKey: string, section: RegistrationSectionId, data: RegistrationData | null, registrationId: string | null) {
  const status = registrationStatus(section, data, registrationId);
  return {
    format: "dossier.eu-database-registration/1",
    modelKey,
    registrationId: status.registrationId,
    section: section,
    article: status.section.article,
    title: status.section.title,
    complete: status.complete,
    missing: status.missing.map((x) => ({ point: `Annex VIII, Section ${section}, point ${x.point}`, key: x.key, label: x.label })),
    fields: status.section.fields.map((x) => ({
      point: `Annex VIII, Section ${section}, point ${x.point}`,
      key: x.key,
      label: x.label,
      required: x.required,
      value: blank(data?.[x.key]) ? null : (data?.[x.key] ?? null),
    })),
  };
}
