// The SQL literal lives with the database layer (src/db/sql-literals.ts), which the readers below the indicators use
// too; kept here for the modules that import it from this path.
export { sqlString } from "../db/sql-literals.ts";
