/** The OS table is plain data in src/model/ (the formats read it too); recommend keeps its old path. */
export * from '../model/os-table.js';
