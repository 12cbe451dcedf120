import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { javaPattern } from "./java-regex";
import { loadServiceModel, SAGEMAKER_MODEL, sharedDir } from "./service-model";
import { serviceErrorFor, validateOperationInput } from "./shape-validator";

const sagemaker = loadServiceModel(SAGEMAKER_MODEL);
const answer = (operation: string, input: unknown) => serviceErrorFor(validateOperationInput(sagemaker, operation, input));

const validTrainingJob = {
  TrainingJobName: "ppocr-det-2026-11-24",
  RoleArn: "arn:aws:iam::123456789012:role/SageMakerExecution",
  AlgorithmSpecification: { TrainingImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/paddleocr:2.7", TrainingInputMode: "File" },
  HyperParameters: { epochs: "100", config: "configs/det/ch_PP-OCRv4_det.yml" },
  InputDataConfig: [
    { ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://ocr-data/train/" } } },
  ],
  OutputDataConfig: { S3OutputPath: "s3://ocr-artifacts/training" },
  ResourceConfig: { InstanceType: "ml.g4dn.xlarge", InstanceCount: 1, VolumeSizeInGB: 50 },
  StoppingCondition: { MaxRuntimeInSeconds: 86400 },
  Tags: [{ Key: "project", Value: "ocr-console" }],
};

describe("shape validator against the real SageMaker model", () => {
  it("accepts valid requests", () => {
    expect(answer("ListTrainingJobs", { MaxResults: 1, SortBy: "CreationTime", SortOrder: "Descending", StatusEquals: "Completed" })).toBeUndefined();
    expect(answer("ListTrainingJobs", {})).toBeUndefined();
    expect(answer("CreateTrainingJob", validTrainingJob)).toBeUndefined();
  });

  it("refuses a number out of range, in the service's words", () => {
    expect(answer("ListTrainingJobs", { MaxResults: 0 })).toEqual({
      type: "ValidationException",
      message:
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    expect(answer("ListTrainingJobs", { MaxResults: 101 })?.message).toContain("Member must have value less than or equal to 100");
    expect(answer("CreateTrainingJob", { ...validTrainingJob, StoppingCondition: { MaxRuntimeInSeconds: 0 } })?.message).toBe(
      "1 validation error detected: Value '0' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("refuses a value outside the enum, listing the allowed ones", () => {
    expect(answer("ListTrainingJobs", { SortBy: "Date" })?.message).toBe(
      "1 validation error detected: Value 'Date' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Name, CreationTime, Status]",
    );
    const nested = { ...validTrainingJob, AlgorithmSpecification: { TrainingInputMode: "Streaming" } };
    expect(answer("CreateTrainingJob", nested)?.message).toMatch(
      /at 'algorithmSpecification\.trainingInputMode' failed to satisfy constraint: Member must satisfy enum value set: \[Pipe, File, FastFile\]$/,
    );
  });

  it("refuses a missing required member, counting every error", () => {
    const incomplete: Record<string, unknown> = { ...validTrainingJob };
    delete incomplete.RoleArn;
    delete incomplete.OutputDataConfig;
    expect(answer("CreateTrainingJob", incomplete)?.message).toBe(
      "2 validation errors detected: Value null at 'outputDataConfig' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it("refuses a value that breaks the pattern, matching the whole value as Java does", () => {
    expect(answer("CreateTrainingJob", { ...validTrainingJob, TrainingJobName: "ppocr_det" })?.message).toBe(
      "1 validation error detected: Value 'ppocr_det' at 'trainingJobName' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
    );
  });

  it("refuses string lengths out of bounds, with 1-based list paths", () => {
    const result = answer("CreateTrainingJob", { ...validTrainingJob, Tags: [{ Key: "ok", Value: "x" }, { Key: "", Value: "x" }] });
    expect(result?.message).toBe(
      "1 validation error detected: Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it("refuses members the shape does not have", () => {
    expect(answer("ListTrainingJobs", { MaxResult: 1 })?.message).toBe(
      "1 validation error detected: Value '1' at 'maxResult' failed to satisfy constraint: Member is not part of ListTrainingJobsRequest",
    );
  });

  it("answers a wrongly typed value as a SerializationException, as the JSON protocol does", () => {
    expect(answer("ListTrainingJobs", { MaxResults: "1" })).toEqual({
      type: "SerializationException",
      message: "STRING_VALUE can not be converted to an Integer",
    });
    expect(answer("ListTrainingJobs", [])?.type).toBe("SerializationException");
  });

  it("understands every pattern in the shared AWS models", () => {
    const dir = path.join(sharedDir(), "reference", "aws");
    const unreadable: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
      for (const [name, shape] of Object.entries(loadServiceModel(file).shapes)) {
        if (shape.pattern !== undefined && !javaPattern(shape.pattern)) unreadable.push(`${file}#${name}`);
      }
    }
    expect(unreadable).toEqual([]);
    // Java POSIX classes and anchors, as the runtime and Auto Scaling models use them.
    expect(javaPattern("\\A\\S[\\p{Print}]*\\z")?.test("inference-1 a")).toBe(true);
    expect(javaPattern("\\A\\S[\\p{Print}]*\\z")?.test(" leading-space")).toBe(false);
    expect(javaPattern("\\p{Print}+")?.test("naïve")).toBe(false);
  });
});
