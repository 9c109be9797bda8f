/** How long the editor waits after the last keystroke before saving: at most one save per block per interval. */
export const ATTESA_AUTOSALVATAGGIO_MS = 800;
