import type { Metadata } from "next";
import { SignInForm } from "@/components/forms/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-lg font-semibold">
          Sign in to ocr<span className="text-indigo-600">·</span>console
        </h1>
        <p className="mt-1 text-sm text-zinc-500">Datasets, training runs, models and endpoints for PaddleOCR.</p>
        <SignInForm />
      </div>
    </main>
  );
}
