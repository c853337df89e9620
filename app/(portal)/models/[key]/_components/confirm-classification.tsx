"use client";

import { useState, useTransition } from "react";
import type { ClassificationState } from "../classification/actions";

export function ConfirmClassificationButton({ confirm, label = "Confirm classification" }: { confirm: () => Promise<ClassificationState>; label?: string }) {
  const [state, setState] = useState<ClassificationState>({});
  const [pending, start] = useTransition();
  return (
    <span>
      <button type="button" disabled={pending} onClick={() => start(async () => setState(await confirm()))}>
        {label}
      </button>{" "}
      {state.saved && <span className="notice">{state.saved}</span>}
      {state.formError && <span className="form-error">{state.formError}</span>}
    </span>
  );
}
