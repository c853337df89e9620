// Public API of the drift statistics (pure, typed arrays only).
export * from "./drift";
