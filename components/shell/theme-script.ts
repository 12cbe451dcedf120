// Runs before first paint so a dark-theme user never sees a white flash.
export const THEME_STORAGE_KEY = "ocr-console-theme";

export const themeScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;
