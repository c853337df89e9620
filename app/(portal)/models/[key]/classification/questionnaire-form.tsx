"use client";

import { useActionState, useMemo, useState } from "react";
import { classify, relevantQuestions, type Answers, type AnswerValue } from "@/lib/compliance";
import { FieldError } from "@/app/_components/field-error";
import type { ClassificationState } from "./actions";

export function QuestionnaireForm({
  action,
  initialAnswers,
  revision,
  canConfirm,
}: {
  action: (state: ClassificationState, formData: FormData) => Promise<ClassificationState>;
  initialAnswers: Answers;
  revision: number;
  canConfirm: boolean;
}) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(() => ({ ...(initialAnswers as Record<string, AnswerValue>) }));
  const [state, formAction, pending] = useActionState<ClassificationState, FormData>(action, {});
  // the engine is pure TypeScript: the same rules run here for a live preview and on the server
  const questions = useMemo(() => relevantQuestions(answers), [answers]);
  const preview = useMemo(() => classify(answers), [answers]);
  const errors = state.fieldErrors ?? {};

  const set = (id: string, value: AnswerValue | undefined) =>
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });

  return (
    <form action={formAction} className="stack" style={{ maxWidth: 900 }}>
      <input type="hidden" name="answers" value={JSON.stringify(answers)} />
      <input type="hidden" name="revision" value={revision} />
      {state.formError && (
        <p className="form-error" data-testid="form-error">
          {state.formError}
        </p>
      )}
      {state.saved && (
        <p className="notice" data-testid="form-saved">
          {state.saved}
        </p>
      )}
      {questions.map((q) => {
        const value = answers[q.id];
        return (
          <fieldset key={q.id} className="card" data-question={q.id}>
            <legend>
              <strong>{q.text}</strong> <span className="muted">({q.article})</span>
            </legend>
            <p className="muted">{q.help}</p>
            {q.kind === "number" ? (
              <input type="number" aria-label={q.text} value={typeof value === "number" ? value : ""} onChange={(e) => set(q.id, e.target.value === "" ? undefined : Number(e.target.value))} />
            ) : (
              q.options.map((o) => {
                const multi = q.kind === "multi";
                const selected = multi ? Array.isArray(value) && value.includes(o.value) : value === o.value;
                return (
                  <label key={o.value} style={{ display: "flex", gap: "0.5rem", fontWeight: 400 }}>
                    <input
                      type={multi ? "checkbox" : "radio"}
                      name={q.id}
                      checked={selected}
                      onChange={(e) => {
                        if (!multi) return set(q.id, o.value);
                        const current = Array.isArray(value) ? [...value] : [];
                        let next = e.target.checked ? [...current, o.value] : current.filter((v) => v !== o.value);
                        // "none of these" excludes every other choice
                        if (q.noneValue) {
                          if (o.value === q.noneValue && e.target.checked) next = [q.noneValue];
                          else next = next.filter((v) => v !== q.noneValue);
                        }
                        set(q.id, next.length ? next : undefined);
                      }}
                    />
                    <span>
                      {o.label} {o.article && <span className="muted">— {o.article}</span>}
                    </span>
                  </label>
                );
              })
            )}
            <FieldError messages={errors[q.id]} />
          </fieldset>
        );
      })}
      <section className="card" aria-live="polite" data-testid="classification-preview">
        <h2 style={{ marginTop: 0 }}>Result so far: {preview.riskClass}</h2>
        {preview.unanswered.length > 0 && <p className="muted">{preview.unanswered.length} question(s) still unanswered: the model stays UNCLASSIFIED until all are answered.</p>}
        <ol>
          {preview.reasoning.map((r, i) => (
            <li key={i}>
              <strong>{r.article}</strong>: {r.text}
            </li>
          ))}
        </ol>
        {preview.obligations.length > 0 && (
          <>
            <h3>Obligations for our role</h3>
            <ul>
              {preview.obligations.map((o) => (
                <li key={o.id}>
                  {o.title} <span className="muted">({o.article})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <div>
        <button type="submit" disabled={pending}>
          {canConfirm ? "Save classification" : "Propose classification"}
        </button>
      </div>
    </form>
  );
}
