"use client";

import { useState, useTransition } from "react";
import type { CheckRulesState } from "./actions";

export function CheckRulesButton({ check }: { check: () => Promise<CheckRulesState> }) {
  const [state, setState] = useState<CheckRulesState>({});
  const [pending, start] = useTransition();
  return (
    <p>
      <button type="button" disabled={pending} onClick={() => start(async () => setState(await check()))}>
        Check every classification against the current rules
      </button>{" "}
      {state.saved && <span className="notice">{state.saved}</span>}
    </p>
  );
}
