import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";

// Proves prisma/schema.prisma and the database the migrations build describe the same tables, in both directions.
// The schema is read by Prisma's own parser (the prisma-schema-wasm build that prisma 7.10.0 ships), not by us.

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc"; operatorClass?: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

const schemaText = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
// wasm-bindgen routes Rust panics (an invalid schema) through this global; without it the process dies.
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message: string) => {
    throw new Error(`prisma-schema-wasm panicked: ${message}`);
  },
};
const dmmf = JSON.parse(
  get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]], noColor: true })),
) as Dmmf;
const models = dmmf.datamodel.models;
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;
const modelByName = new Map(models.map((m) => [m.name, m]));
const fieldOf = (model: DmmfModel, name: string) => model.fields.find((f) => f.name === name)!;
const enumDbName = (name: string) => {
  const found = dmmf.datamodel.enums.find((e) => e.name === name)!;
  return found.dbName ?? found.name;
};

// The DMMF leaves out Unsupported("...") fields. They are recovered from the model blocks, and every field line of a
// block must be either a DMMF field or such an Unsupported field, so a line this reader misparses fails the suite.
function unsupportedFields(model: DmmfModel): DmmfField[] {
  const block = new RegExp(`^model\\s+${model.name}\\s*\\{([\\s\\S]*?)^\\}`, "m").exec(schemaText)?.[1] ?? "";
  const lines = block.split("\n").map((line) => line.replace(/\/\/.*$/, "").trim());
  const fields: DmmfField[] = [];
  for (const line of lines.filter((l) => l !== "" && !l.startsWith("@@"))) {
    const [name, type] = line.split(/\s+/);
    const unsupported = /^Unsupported\("([^"]+)"\)(\?)?$/.exec(type);
    if (!unsupported) {
      expect(
        model.fields.map((f) => f.name),
        `${model.name}.${name} is neither a DMMF nor an Unsupported field`,
      ).toContain(name);
      continue;
    }
    fields.push({
      name,
      dbName: /@map\("([^"]+)"\)/.exec(line)?.[1] ?? null,
      kind: "unsupported",
      type: unsupported[1],
      isList: false,
      isRequired: unsupported[2] !== "?",
      hasDefaultValue: false,
    });
  }
  return fields;
}

/** information_schema data_type and format_type() spelling the column must have. */
function expectedType(field: DmmfField): { dataType: string; formatted: string } {
  if (field.isList) {
    if (field.type === "String" && !field.nativeType) return { dataType: "ARRAY", formatted: "text[]" };
    throw new Error(`${field.name}: no mapping for a list of ${field.type}; extend expectedType() before using it`);
  }
  if (field.kind === "enum") return { dataType: "USER-DEFINED", formatted: enumDbName(field.type) };
  if (field.kind === "unsupported") return { dataType: field.type, formatted: field.type };
  const [native, args] = field.nativeType ?? [undefined, []];
  const same = (t: string) => ({ dataType: t, formatted: t });
  const key = `${field.type}${native ? `@${native}` : ""}`;
  switch (key) {
    case "String":
    case "String@Text":
      return same("text");
    case "String@VarChar":
      return { dataType: "character varying", formatted: `character varying(${args[0]})` };
    case "String@Uuid":
      return same("uuid");
    case "Int":
      return same("integer");
    case "BigInt":
      return same("bigint");
    case "Boolean":
      return same("boolean");
    case "Json":
      return same("jsonb");
    case "Decimal@Decimal":
      return { dataType: "numeric", formatted: `numeric(${args[0]},${args[1]})` };
    case "DateTime@Timestamptz":
      return args.length
        ? { dataType: "timestamp with time zone", formatted: `timestamp(${args[0]}) with time zone` }
        : same("timestamp with time zone");
    case "DateTime@Date":
      return same("date");
    default:
      throw new Error(`${field.name}: no mapping for ${key}; extend expectedType() before using it in the schema`);
  }
}

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  formatted: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  is_generated: "ALWAYS" | "NEVER";
  generation_expression: string | null;
  serial_sequence: string | null;
}
interface DbIndex {
  name: string;
  table: string;
  columns: string[];
  descending: boolean[];
  /** Per column, the operator class when it is not the type's default (e.g. jsonb_path_ops), else null. */
  operatorClasses: Array<string | null>;
  method: string;
  unique: boolean;
  primary: boolean;
  predicate: string | null;
}
interface DbForeignKey {
  name: string;
  table: string;
  columns: string[];
  referenced_table: string;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
}

// Indexes only the hand-written part of the migration creates: full-text GIN indexes and partial indexes.
const MIGRATION_ONLY_INDEXES: Record<string, Partial<DbIndex> & { predicate: string | null }> = {
  idx_threads_title_tsv: { table: "conversation_threads", columns: ["title_tsv"], method: "gin", predicate: null },
  idx_messages_content_tsv: {
    table: "conversation_messages",
    columns: ["content_tsv"],
    method: "gin",
    predicate: null,
  },
  idx_intents_query_tsv: { table: "query_intents", columns: ["query_tsv"], method: "gin", predicate: null },
  idx_executions_input_tsv: { table: "agent_executions", columns: ["input_tsv"], method: "gin", predicate: null },
  idx_recommendations_search_tsv: {
    table: "optimization_recommendations",
    columns: ["search_tsv"],
    method: "gin",
    predicate: null,
  },
  idx_executions_failed: {
    table: "agent_executions",
    columns: ["agent_type", "created_at"],
    descending: [false, true],
    method: "btree",
    predicate: "(status <> 'success'::execution_status)",
  },
  idx_recommendations_active_priority: {
    table: "optimization_recommendations",
    columns: ["priority_score"],
    descending: [true],
    method: "btree",
    predicate: "(status = 'active'::recommendation_status)",
  },
};

// Generated columns Prisma can only declare as plain fields (documented on the field in schema.prisma).
const GENERATED_COLUMNS: Record<string, RegExp> = {
  "cost_line_items.charge_date": /^\(?\(?\(?charge_period_start AT TIME ZONE 'UTC'(::text)?\)\)?::date\)?$/,
};

const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

describe("schema.prisma and the migrated database", () => {
  let db: TestDatabase;
  let columns: DbColumn[];
  let indexes: DbIndex[];
  let foreignKeys: DbForeignKey[];
  const modelTables = models.map(tableOf);

  beforeAll(async () => {
    db = await createTestDatabase();
    columns = await db.sql.query<DbColumn>(`
      SELECT c.table_name, c.column_name, c.data_type, format_type(a.atttypid, a.atttypmod) AS formatted,
             c.is_nullable, c.column_default, c.is_generated, c.generation_expression,
             pg_get_serial_sequence(format('%I', c.table_name), c.column_name) AS serial_sequence
        FROM information_schema.columns c
        JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                           AND a.attname = c.column_name
       WHERE c.table_schema = 'public'`);
    indexes = await db.sql.query<DbIndex>(`
      SELECT i.relname AS name, t.relname AS "table", am.amname AS method,
             ix.indisunique AS "unique", ix.indisprimary AS "primary",
             pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
             (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum) AS columns,
             (SELECT json_agg((o.opt & 1) = 1 ORDER BY o.ord)
                FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord)) AS descending,
             (SELECT json_agg(CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname END ORDER BY c.ord)
                FROM unnest(ix.indclass::oid[]) WITH ORDINALITY c(oid, ord)
                JOIN pg_opclass opc ON opc.oid = c.oid) AS "operatorClasses"
        FROM pg_index ix
        JOIN pg_class i ON i.oid = ix.indexrelid
        JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_am am ON am.oid = i.relam
       WHERE t.relnamespace = 'public'::regnamespace`);
    foreignKeys = await db.sql.query<DbForeignKey>(`
      SELECT con.conname AS name, src.relname AS "table", dst.relname AS referenced_table,
             con.confdeltype AS on_delete, con.confupdtype AS on_update,
             (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
             (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS referenced_columns
        FROM pg_constraint con
        JOIN pg_class src ON src.oid = con.conrelid
        JOIN pg_class dst ON dst.oid = con.confrelid
       WHERE con.contype = 'f' AND src.relnamespace = 'public'::regnamespace`);
  });
  afterAll(() => db?.destroy());

  it("parsed the schema with Prisma's parser", () => {
    expect(modelTables).toEqual(
      expect.arrayContaining(["users", "conversation_threads", "optimization_recommendations"]),
    );
    expect(unsupportedFields(modelByName.get("ConversationThread")!).map((f) => f.dbName)).toEqual(["title_tsv"]);
  });

  it.each(models.map((m) => [m.name, m] as const))(
    "%s: every field is a column of the same type, nullability and default",
    async (_, model) => {
      const table = tableOf(model);
      const fields = [...model.fields.filter((f) => f.kind !== "object"), ...unsupportedFields(model)];
      const tableColumns = columns.filter((c) => c.table_name === table);
      expect(tableColumns.length, `table ${table} exists`).toBeGreaterThan(0);
      // The reverse direction: a column the schema does not declare is drift too.
      expect(tableColumns.map((c) => c.column_name).sort()).toEqual(fields.map(columnOf).sort());

      for (const field of fields) {
        const column = tableColumns.find((c) => c.column_name === columnOf(field))!;
        const where = `${table}.${column.column_name}`;
        const type = expectedType(field);
        expect({ dataType: column.data_type, formatted: column.formatted }, where).toEqual(type);
        expect(column.is_nullable, `${where} nullability`).toBe(field.isRequired ? "NO" : "YES");
        const generated = GENERATED_COLUMNS[where];
        if (generated) {
          expect(column.is_generated, `${where} is generated`).toBe("ALWAYS");
          expect(column.generation_expression, where).toMatch(generated);
          continue;
        }
        if (field.kind === "unsupported") {
          // The schema documents these as generated full-text columns.
          expect(column.is_generated, `${where} is generated`).toBe("ALWAYS");
          expect(column.generation_expression, where).toMatch(/^to_tsvector\('english'::regconfig, /);
        } else {
          expect(column.is_generated, `${where} is not generated`).toBe("NEVER");
        }
        await expectDefault(where, field, column);
      }
    },
  );

  async function expectDefault(where: string, field: DmmfField, column: DbColumn) {
    const dflt = field.default as { name: string; args: unknown[] } | string | number | boolean | undefined;
    if (!field.hasDefaultValue) {
      expect(column.column_default, `${where} has no default`).toBeNull();
    } else if (Array.isArray(dflt)) {
      // A list default ([] or ["a"]) compared as the column's array type.
      const [row] = await db.sql.query<{ same: boolean }>(
        `SELECT (${column.column_default})::${column.formatted} = $1::${column.formatted} AS same`,
        [(dflt as unknown[]).map(String)],
      );
      expect(row.same, `${where} default`).toBe(true);
    } else if (typeof dflt === "object") {
      if (dflt.name === "now") expect(column.column_default, where).toMatch(/^(CURRENT_TIMESTAMP|now\(\))$/);
      else if (dflt.name === "dbgenerated") expect(column.column_default, where).toBe(dflt.args[0]);
      else if (dflt.name === "autoincrement") {
        expect(column.column_default, where).toMatch(/^nextval\('[^']+'::regclass\)$/);
        expect(column.serial_sequence, `${where} owns its sequence`).not.toBeNull();
      } else throw new Error(`${where}: no check for @default(${dflt.name}())`);
    } else {
      // Literal defaults are compared by value in the column's own type: 0.5 and 0.50, '{}' and '{}'::jsonb agree.
      expect(column.column_default, `${where} has a default`).not.toBeNull();
      const [row] = await db.sql.query<{ actual: string; expected: string }>(
        `SELECT (${column.column_default})::${column.formatted}::text AS actual,
                $1::${column.formatted}::text AS expected`,
        [String(dflt)],
      );
      expect(row.actual, `${where} default`).toBe(row.expected);
    }
  }

  it("declares every enum with the same labels in the same order, and the database has no others", async () => {
    const rows = await db.sql.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`);
    const expected = dmmf.datamodel.enums.map((e) => ({
      name: e.dbName ?? e.name,
      labels: e.values.map((v) => v.dbName ?? v.name),
    }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(rows.sort(byName)).toEqual(expected.sort(byName));
  });

  it("has exactly the foreign keys the relations declare, with the same referential actions", () => {
    const expected = models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
        .map((relation) => {
          const target = modelByName.get(relation.type)!;
          const fkColumns = relation.relationFromFields!.map((name) => columnOf(fieldOf(model, name)));
          return {
            // Prisma's default constraint name; relation-level map: is not in the DMMF, and this schema uses none.
            name: `${tableOf(model)}_${fkColumns.join("_")}_fkey`,
            table: tableOf(model),
            columns: fkColumns,
            referenced_table: tableOf(target),
            referenced_columns: relation.relationToFields!.map((name) => columnOf(fieldOf(target, name))),
            // Prisma's defaults when the schema names no action.
            on_delete: relation.relationOnDelete ?? (relation.isRequired ? "Restrict" : "SetNull"),
            on_update: relation.relationOnUpdate ?? "Cascade",
          };
        }),
    );
    const actual = foreignKeys
      .filter((fk) => modelTables.includes(fk.table))
      .map((fk) => ({ ...fk, on_delete: ACTIONS[fk.on_delete], on_update: ACTIONS[fk.on_update] }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
  });

  it("has the declared primary keys, unique constraints and indexes, plus only the documented extra ones", () => {
    const expected = dmmf.datamodel.indexes.map((index) => {
      const model = modelByName.get(index.model)!;
      const cols = index.fields.map((f) => columnOf(fieldOf(model, f.name)));
      const suffix = { id: "pkey", unique: "key", normal: "idx", fulltext: "idx" }[index.type];
      return {
        name:
          index.dbName ??
          (index.type === "id" ? `${tableOf(model)}_pkey` : `${tableOf(model)}_${cols.join("_")}_${suffix}`),
        table: tableOf(model),
        columns: cols,
        descending: index.fields.map((f) => f.sortOrder === "desc"),
        // Prisma names operator classes in PascalCase (JsonbPathOps); PostgreSQL in snake_case (jsonb_path_ops).
        operatorClasses: index.fields.map((f) => f.operatorClass?.replace(/(?<!^)([A-Z])/g, "_$1").toLowerCase() ?? null),
        method: index.algorithm?.toLowerCase() ?? "btree",
        unique: index.type === "id" || index.type === "unique",
        primary: index.type === "id",
        predicate: null,
      };
    });
    const onModelTables = indexes.filter((i) => modelTables.includes(i.table));
    const declared = onModelTables.filter((i) => !(i.name in MIGRATION_ONLY_INDEXES));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(declared.sort(byName)).toEqual(expected.sort(byName));

    const extra = onModelTables.filter((i) => i.name in MIGRATION_ONLY_INDEXES);
    expect(extra.map((i) => i.name).sort()).toEqual(Object.keys(MIGRATION_ONLY_INDEXES).sort());
    for (const index of extra) {
      expect(index, index.name).toMatchObject({ ...MIGRATION_ONLY_INDEXES[index.name], unique: false });
    }
  });
});
