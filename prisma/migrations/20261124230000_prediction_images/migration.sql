-- AlterTable
ALTER TABLE "Prediction" ADD COLUMN     "imageKey" TEXT,
ADD COLUMN     "imageType" TEXT,
ADD COLUMN     "thumbKey" TEXT;

