// `server-only` throws when imported outside a React Server Component bundle; tests run lib/ code
// directly in Node, where the guard has nothing to protect.
export {};
