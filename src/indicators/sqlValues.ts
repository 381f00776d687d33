// The SQL literals live with the database layer (src/db/sql-literals.ts), which the readers below the indicators use
// too; kept here for the modules that import them from this path.
export { sqlNumber, sqlString } from "../db/sql-literals.ts";
