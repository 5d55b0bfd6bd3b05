import { shell } from "./shell";

/** The app's logo and name as the session brands them; `dark` on the title bar's dark background. */
export function Brand({ dark }: { dark: boolean }) {
  const logo = dark ? shell.darkLogo : shell.logo;
  return (
    <span className="brand-mark" data-testid="brand">
      {logo ? <img className="brand-logo" src={logo} alt="" data-testid="brand-logo" /> : <span aria-hidden="true">◆</span>}
      <span className="brand-title">{shell.title}</span>
    </span>
  );
}
