// The viewer token: from the URL fragment (#token=..., local runs print such a link), a pasted token, or Google's
// sign-in button. Kept in sessionStorage (this tab only, gone when it closes), never put in a query string.

const STORAGE_KEY = 'tasktrail.viewerToken';
const GOOGLE_SCRIPT = 'https://accounts.google.com/gsi/client';

/** Moves a #token=... from the address into sessionStorage and removes it from the address and history. */
export function adoptTokenFromFragment() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('token');
  if (!token) return;
  storeToken(token.trim());
  fragment.delete('token');
  const rest = fragment.toString();
  window.history.replaceState(window.history.state, '',
      window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
}

export function storedToken() {
  return window.sessionStorage.getItem(STORAGE_KEY);
}

export function storeToken(token) {
  window.sessionStorage.setItem(STORAGE_KEY, token);
}

export function forgetToken() {
  window.sessionStorage.removeItem(STORAGE_KEY);
}

/** The token's expiry (epoch ms) from its `exp` claim, or null when it cannot be read (the server decides). */
export function tokenExpiry(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')));
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function isExpired(token, now = Date.now()) {
  const expiry = tokenExpiry(token);
  return expiry != null && expiry <= now;
}

let googleScript;

/** Loads Google's script once; later calls share the same load. */
function loadGoogleScript() {
  if (window.google?.accounts?.id) return Promise.resolve();
  googleScript ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = GOOGLE_SCRIPT;
    script.async = true;
    script.addEventListener('load', resolve);
    script.addEventListener('error',
        () => reject(new Error('Google sign-in could not be loaded. Check your connection and reload.')));
    document.head.append(script);
  });
  return googleScript;
}

/**
 * Shows Google's sign-in button (Google Identity Services) in `container`; `onToken` receives the ID token.
 * Google's script is the only thing the page loads from elsewhere (see the Content-Security-Policy).
 */
export async function showGoogleSignIn(container, clientId, onToken, onFailure) {
  try {
    await loadGoogleScript();
  } catch (failure) {
    onFailure(failure.message);
    return;
  }
  window.google.accounts.id.initialize({
    client_id: clientId,
    callback: (response) => onToken(response.credential),
  });
  window.google.accounts.id.renderButton(container, { theme: 'outline', size: 'large', text: 'signin_with' });
}

/** After signing out, Google must not sign the viewer straight back in. */
export function disableGoogleAutoSelect() {
  window.google?.accounts?.id?.disableAutoSelect();
}
