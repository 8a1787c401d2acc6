namespace Avz.Exchange.Portal;

/// <summary>The portal's one stylesheet, served from the gateway (the content security policy allows no other source). Colours keep a contrast of 7:1 or more; focus is always visible.</summary>
internal static class PortalStyle
{
    public const string Css = """
        :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #ffffff; line-height: 1.5; }
        body { margin: 0; }
        a { color: #0b4f8a; }
        a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #b35900; outline-offset: 2px; }
        .skip, .skip-text { position: absolute; left: -10000px; }
        .skip:focus { position: static; display: inline-block; padding: .5rem; background: #ffffff; }
        header { background: #0b3a63; color: #ffffff; padding: .75rem 1.5rem; display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: center; }
        header a, header button { color: #ffffff; }
        header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
        header form { margin-left: auto; }
        header button { background: transparent; border: 1px solid #ffffff; padding: .25rem .75rem; cursor: pointer; font: inherit; }
        main { padding: 1.5rem; max-width: 72rem; }
        footer { padding: 1rem 1.5rem; border-top: 1px solid #6b6b6b; }
        label { display: block; font-weight: 600; margin-top: .75rem; }
        fieldset { border: 1px solid #6b6b6b; margin-top: .75rem; }
        fieldset label { font-weight: 400; margin-top: .25rem; }
        figure { margin: 1rem 0; }
        figcaption ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; }
        caption { text-align: left; font-weight: 600; padding: .5rem 0; }
        section { border-top: 1px solid #8c8c8c; margin-top: 1.5rem; }
        input, select, textarea { font: inherit; padding: .4rem; border: 1px solid #4d4d4d; max-width: 100%; }
        button.primary { display: block; background: #0b4f8a; color: #ffffff; border: 0; padding: .5rem 1.25rem; margin-top: 1rem; font: inherit; cursor: pointer; }
        .error { color: #a30000; font-weight: 600; }
        .notice { border-left: 4px solid #0b4f8a; padding-left: .75rem; }
        table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #8c8c8c; vertical-align: top; }
        code { font-size: .9em; word-break: break-all; }
        @media print { header, footer, .no-print, .skip { display: none; } main { padding: 0; max-width: none; } }
        """;
}
