/**
 * What the new-run form hands each target's own fields: the current values of the run's
 * `resources` and `targetOptions` records, setters, and field errors keyed `resources.cpu`,
 * `targetOptions.nodeSelector`, … as returned by the server's validation.
 */
export interface TargetFieldsProps {
  resources: Record<string, unknown>;
  targetOptions: Record<string, unknown>;
  onResourcesChange(next: Record<string, unknown>): void;
  onTargetOptionsChange(next: Record<string, unknown>): void;
  errors: Record<string, string>;
  disabled?: boolean;
}
