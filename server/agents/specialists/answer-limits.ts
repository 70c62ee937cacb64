// How far the cost answers look: shared by the comparison and the tagging answers.

/** Drivers a change threshold ranks: the most comparePeriods lists. */
export const THRESHOLD_LIMIT = 100;
/** Below this share of the earlier period's total a value's percentage change is noise (+400% on $3). */
export const MATERIAL_SHARE = 0.01;
