"use client";

import { useState, useTransition } from "react";
import type { ClassificationState } from "../classification/actions";

export function ConfirmClassificationButton({ confirm }: { confirm: () => Promise<ClassificationState> }) {
  const [state, setState] = useState<ClassificationState>({});
  const [pending, start] = useTransition();
  return (
    <span>
      <button type="button" disabled={pending} onClick={() => start(async () => setState(await confirm()))}>
        Confirm classification
      </button>{" "}
      {state.saved && <span className="notice">{state.saved}</span>}
      {state.formError && <span className="form-error">{state.formError}</span>}
    </span>
  );
}
