import type { ReactNode } from "react";

/**
 * The portal's table: a header row of column titles (false leaves a column out, "" is an untitled one),
 * then the rows the caller renders.
 */
export function DataTable({ testId, className = "data", headers, children }: { testId?: string; className?: string; headers: Array<ReactNode | false>; children: ReactNode }) {
  return (
    <table className={className || undefined} data-testid={testId}>
      <thead>
        <tr>{headers.map((h, i) => (h === false ? null : <th key={i}>{h}</th>))}</tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
