// Show the new passkey (and the offer of recovery codes) once it is saved.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
