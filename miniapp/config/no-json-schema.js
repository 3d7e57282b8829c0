/**
 * H5 build only: stands in for zod's JSON Schema conversion (zod/v4/core/json-schema-processors.js and
 * to-json-schema.js). zod's classic schemas import it so that any schema can say `.toJSONSchema()`;
 * the app never asks (the server writes the OpenAPI document), and the two modules were about 6 KB
 * of the resident's first load on a slow connection. Anything that does ask gets a clear error.
 * Every name the two modules export is here, so the build resolves them all.
 */
const unavailable = () => {
  throw new Error('JSON Schema conversion is not built into the H5 app (miniapp/config/no-json-schema.js)');
};
/** Called while a schema is built (its `~standard` object): returns what throws only when used. */
const method = () => unavailable;

export const aggregateChecks = unavailable;
export const stringProcessor = unavailable;
export const numberProcessor = unavailable;
export const booleanProcessor = unavailable;
export const bigintProcessor = unavailable;
export const symbolProcessor = unavailable;
export const nullProcessor = unavailable;
export const undefinedProcessor = unavailable;
export const voidProcessor = unavailable;
export const neverProcessor = unavailable;
export const anyProcessor = unavailable;
export const unknownProcessor = unavailable;
export const dateProcessor = unavailable;
export const enumProcessor = unavailable;
export const literalProcessor = unavailable;
export const nanProcessor = unavailable;
export const templateLiteralProcessor = unavailable;
export const fileProcessor = unavailable;
export const successProcessor = unavailable;
export const customProcessor = unavailable;
export const functionProcessor = unavailable;
export const transformProcessor = unavailable;
export const mapProcessor = unavailable;
export const setProcessor = unavailable;
export const arrayProcessor = unavailable;
export const objectProcessor = unavailable;
export const unionProcessor = unavailable;
export const intersectionProcessor = unavailable;
export const tupleProcessor = unavailable;
export const recordProcessor = unavailable;
export const nullableProcessor = unavailable;
export const nonoptionalProcessor = unavailable;
export const defaultProcessor = unavailable;
export const prefaultProcessor = unavailable;
export const catchProcessor = unavailable;
export const pipeProcessor = unavailable;
export const readonlyProcessor = unavailable;
export const promiseProcessor = unavailable;
export const optionalProcessor = unavailable;
export const lazyProcessor = unavailable;
export const allProcessors = {};
export const toJSONSchema = unavailable;
export const initializeContext = unavailable;
export const handleUnrepresentable = unavailable;
export const processSchema = unavailable;
export { processSchema as process };
export const extractDefs = unavailable;
export const finalize = unavailable;
export const createToJSONSchemaMethod = method;
export const createStandardJSONSchemaMethod = method;
