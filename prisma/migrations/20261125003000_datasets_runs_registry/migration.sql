-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "credentialsCiphertext" TEXT,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "dictionaryFile" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'registered',
ADD COLUMN     "useSpaceChar" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "TrainingRun" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "clonedFromId" TEXT,
ADD COLUMN     "datasetVersionId" TEXT,
ADD COLUMN     "desiredState" TEXT NOT NULL DEFAULT 'running',
ADD COLUMN     "exitCode" INTEGER,
ADD COLUMN     "exitSignal" TEXT,
ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "image" TEXT,
ADD COLUMN     "keyMetricName" TEXT,
ADD COLUMN     "keyMetricValue" DOUBLE PRECISION,
ADD COLUMN     "logPath" TEXT,
ADD COLUMN     "pretrainedModel" TEXT,
ADD COLUMN     "resources" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "targetOptions" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "datasetVersionId" TEXT,
ADD COLUMN     "fileCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hasManifest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3),
ADD COLUMN     "manifest" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "sizeBytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "statusReason" TEXT;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "config" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'primary',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "variantName" TEXT;

-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "manifestKey" TEXT,
    "fileCount" INTEGER NOT NULL DEFAULT 0,
    "totalBytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "imageCount" INTEGER NOT NULL DEFAULT 0,
    "labelCount" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB NOT NULL DEFAULT '{}',
    "stats" JSONB NOT NULL DEFAULT '{}',
    "valid" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetCache" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "datasetVersionId" TEXT,
    "targetId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'Pending',
    "phase" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "bytesDone" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "bytesTotal" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "location" TEXT,
    "message" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatasetCache_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "message" TEXT,
    "input" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "error" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunMetric" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "epoch" INTEGER,
    "value" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL DEFAULT 'log',

    CONSTRAINT "RunMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelAlias" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "setById" TEXT,
    "setByLabel" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "etag" TEXT,

    CONSTRAINT "ModelAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DatasetVersion_datasetId_version_key" ON "DatasetVersion"("datasetId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetCache_datasetId_targetId_key" ON "DatasetCache"("datasetId", "targetId");

-- CreateIndex
CREATE INDEX "Job_subjectType_subjectId_createdAt_idx" ON "Job"("subjectType", "subjectId", "createdAt");

-- CreateIndex
CREATE INDEX "Job_state_idx" ON "Job"("state");

-- CreateIndex
CREATE INDEX "RunMetric_runId_name_step_idx" ON "RunMetric"("runId", "name", "step");

-- CreateIndex
CREATE UNIQUE INDEX "RunMetric_runId_name_step_source_key" ON "RunMetric"("runId", "name", "step", "source");

-- CreateIndex
CREATE UNIQUE INDEX "ModelAlias_teamId_modelName_alias_key" ON "ModelAlias"("teamId", "modelName", "alias");

-- CreateIndex
CREATE INDEX "TrainingRun_teamId_state_createdAt_idx" ON "TrainingRun"("teamId", "state", "createdAt");

-- CreateIndex
CREATE INDEX "TrainingRun_teamId_keyMetricValue_idx" ON "TrainingRun"("teamId", "keyMetricValue");

-- CreateIndex
CREATE INDEX "ModelVersion_teamId_modelName_createdAt_idx" ON "ModelVersion"("teamId", "modelName", "createdAt");

-- CreateIndex
CREATE INDEX "ModelVersion_teamId_createdAt_idx" ON "ModelVersion"("teamId", "createdAt");

-- AddForeignKey
ALTER TABLE "DatasetVersion" ADD CONSTRAINT "DatasetVersion_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetCache" ADD CONSTRAINT "DatasetCache_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetCache" ADD CONSTRAINT "DatasetCache_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetCache" ADD CONSTRAINT "DatasetCache_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRun" ADD CONSTRAINT "TrainingRun_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunMetric" ADD CONSTRAINT "RunMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "TrainingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

