import type { ReactNode } from "react";
import { FieldError } from "./field-error";

/** One labelled control with its field-level errors under it: the markup every form repeats. */
export function Field({ label, errors, children }: { label: ReactNode; errors?: string[]; children: ReactNode }) {
  return (
    <label>
      {label}
      {children}
      <FieldError messages={errors} />
    </label>
  );
}

/** The `<option>`s of a select, from `[value, label]` pairs. */
export function Options({ options }: { options: ReadonlyArray<readonly [value: string, label: string]> }) {
  return options.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** A labelled select over `[value, label]` pairs, with its field-level errors. */
export function SelectField({
  label,
  name,
  options,
  defaultValue,
  errors,
}: {
  label: ReactNode;
  name: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  defaultValue?: string;
  errors?: string[];
}) {
  return (
    <Field label={label} errors={errors}>
      <select name={name} defaultValue={defaultValue}>
        <Options options={options} />
      </select>
    </Field>
  );
}

/** A filter's select: the empty value first ("Any", "All"), then the choices. */
export function FilterSelect({
  label,
  name,
  defaultValue,
  emptyLabel,
  options,
}: {
  label: ReactNode;
  name: string;
  defaultValue: string;
  emptyLabel: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={defaultValue}>
        <option value="">{emptyLabel}</option>
        <Options options={options} />
      </select>
    </label>
  );
}
