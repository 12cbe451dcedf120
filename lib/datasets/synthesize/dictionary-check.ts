import { describeCharacter, loadDictionary } from "@/lib/datasets/validation/dictionary";
import { builtinModelVersion } from "@/lib/ocr/model-version";

let ppocrKeys: Promise<Set<string>> | undefined;

/**
 * PaddleOCR's default dictionary (ppocr_keys_v1, plus the space of use_space_char): what a dataset
 * registered without its own dictionary trains against, and what the pretrained models can output.
 */
export function defaultDictionary(): Promise<Set<string>> {
  ppocrKeys ??= loadDictionary(builtinModelVersion().files.dictPath, true);
  return ppocrKeys;
}

/** Characters of the text the default dictionary lacks, described for a message ("é" (U+00E9)). */
export async function charactersOutsideDictionary(characters: Iterable<string>): Promise<string[]> {
  const dictionary = await defaultDictionary();
  return [...characters].filter((char) => !dictionary.has(char)).map(describeCharacter);
}
