namespace Avz.Audit.Entries;

/// <summary>The outcome of the call an entry records. A closed set, specified in <c>src/Audit/README.md</c>.</summary>
public enum EntryDecision
{
    /// <summary><c>permitted</c>: the call was allowed and, for a request, nothing was withheld.</summary>
    Permitted,

    /// <summary><c>partial</c>: a request released some fields and withheld others.</summary>
    Partial,

    /// <summary><c>withheld</c>: a request was allowed, but every field it found was withheld.</summary>
    Withheld,

    /// <summary><c>refused</c>: the call itself was refused; nothing was released or changed.</summary>
    Refused,

    /// <summary><c>error</c>: a change whose entry was written could not be completed; <c>refersTo</c> names that entry.</summary>
    Error,
}
