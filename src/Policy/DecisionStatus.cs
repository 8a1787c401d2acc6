namespace Avz.Policy;

/// <summary>Whether a request could be evaluated at all. Anything but <see cref="Evaluated"/> releases nothing.</summary>
public enum DecisionStatus
{
    /// <summary>The request was evaluated; see the permitted and withheld fields.</summary>
    Evaluated,

    /// <summary>The recipient is not a party of this convenant.</summary>
    UnknownRecipient,

    /// <summary>The supplier is not a party of this convenant.</summary>
    UnknownSupplier,

    /// <summary>The purpose is not declared in this convenant.</summary>
    UnknownPurpose,

    /// <summary>The category is not declared in this convenant.</summary>
    UnknownCategory,

    /// <summary>A requested field is not a field of the category.</summary>
    UnknownField,
}
