import { z } from "zod";

// The local target's own launch fields. `gpus` are CUDA device ids (CUDA_VISIBLE_DEVICES); without
// them the run trains on the CPU (Global.use_gpu=False), which PaddleOCR needs on a CPU-only paddle.

export const localResourcesSchema = z
  .object({
    gpus: z
      .string()
      .trim()
      .regex(/^\d+(,\d+)*$/, "GPU ids separated by commas, e.g. 0 or 0,1")
      .nullable()
      .default(null),
    /** Threads for the CPU math libraries (OMP_NUM_THREADS); all cores when empty. */
    cpuThreads: z.number().int().min(1, "At least one thread").max(1024).nullable().default(null),
  })
  .strict();

export const localTargetOptionsSchema = z
  .object({
    /** Global.use_visualdl: write VisualDL records for the Curves tab. */
    visualdl: z.boolean().default(true),
  })
  .strict();

export const localRunOptionsSchema = z.object({
  resources: localResourcesSchema.default({ gpus: null, cpuThreads: null }),
  targetOptions: localTargetOptionsSchema.default({ visualdl: true }),
});

export type LocalRunOptions = z.infer<typeof localRunOptionsSchema>;
