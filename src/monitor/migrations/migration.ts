/** One schema step: applied once, in a transaction, and recorded in `schema_version`. */
export interface Migration {
  /** 1, 2, 3, …: applied in this order. */
  readonly version: number;
  readonly name: string;
  /** Statements run in order inside the migration's transaction. */
  readonly statements: readonly string[];
}
