import { SimpleForm, type FieldSpec, type FormState } from "@/app/_components/simple-form";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * "Correct or withdraw" for one record (a version, a bias assessment, an incident): the correction form
 * holds the current values and asks what was wrong; both forms carry the revision the user saw, so a
 * stale edit is refused with a message and keeps what was typed. Withdrawal keeps the record in the history.
 */
export function RecordCorrection({
  id,
  what,
  testId,
  revision,
  fields,
  correct,
  withdraw,
  withdrawnEffect,
}: {
  id: string;
  what: string;
  testId: string;
  revision: number;
  fields: FieldSpec[];
  correct: FormAction;
  withdraw: FormAction;
  withdrawnEffect: string;
}) {
  const hidden = { revision: String(revision) };
  return (
    <details id={id} data-testid={`${testId}-correction`}>
      <summary>Correct or withdraw {what}</summary>
      <h4>Correct</h4>
      <SimpleForm
        testId={`${testId}-correct-form`}
        action={correct}
        submitLabel="Save correction"
        hidden={hidden}
        fields={[{ name: "reason", label: "What was wrong (kept in the history)", kind: "textarea" }, ...fields]}
      />
      <h4>Withdraw</h4>
      <p className="muted">A withdrawn record stays in the history, marked withdrawn; {withdrawnEffect}</p>
      <SimpleForm
        testId={`${testId}-withdraw-form`}
        action={withdraw}
        submitLabel={`Withdraw ${what}`}
        hidden={hidden}
        fields={[{ name: "reason", label: "Why it is withdrawn (kept in the history)", kind: "textarea" }]}
      />
    </details>
  );
}
