/** Scoring as pure functions: the specification is ../../../shared/BRIEF.md, section "Scores". */
export * from './policy';
export * from './levels';
export * from './bayes';
export * from './staff';
export * from './workstation';
export * from './rollup';
