export { CODES, severityOf, isUnreadable } from './codes.js';
export type { DiagnosticCode } from './codes.js';
export { makeDiagnostic, hasErrors, sortDiagnostics } from './make.js';
export { renderDiagnostic } from './render.js';
export { groupDiagnostics } from './group.js';
export type { DiagnosticGroup } from './group.js';
export type { RenderOptions } from './render.js';
export { LineIndex, lineColumnAt, lineText } from './position.js';
export type * from './types.js';
