// Lit falls back to <style> elements where constructable stylesheets are missing; give them the
// page's nonce so the CSP admits them. Imported first, before any component is defined.
const script = document.currentScript as HTMLScriptElement | null;
(window as unknown as { litNonce?: string }).litNonce = script?.nonce ?? undefined;
