import { CONSOLE_PREFIX } from "@/lib/storage/console-objects";

export const SYNTHESIS_JOB_KIND = "dataset.synthesize";
/** Generated datasets live with the console's own objects, beside uploaded ones and apart from the `<model>/<version>/` registry layout. */
export const SYNTHETIC_DATASETS_PREFIX = `${CONSOLE_PREFIX}datasets/synthetic/`;
