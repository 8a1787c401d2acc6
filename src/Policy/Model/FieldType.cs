using System.Diagnostics.CodeAnalysis;

namespace Avz.Policy.Model;

/// <summary>The type of a field's value. The member names are the words of the policy language.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names are the policy language's type words.")]
public enum FieldType
{
    /// <summary>A short single-line string.</summary>
    String,

    /// <summary>Free text, possibly several lines.</summary>
    Text,

    /// <summary>A calendar date (ISO 8601, yyyy-MM-dd).</summary>
    Date,

    /// <summary>One of a fixed list of values.</summary>
    Enum,

    /// <summary>True or false.</summary>
    Boolean,
}
