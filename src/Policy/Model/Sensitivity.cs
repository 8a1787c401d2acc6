namespace Avz.Policy.Model;

/// <summary>How sensitive a data category is under the AVG (GDPR).</summary>
public enum Sensitivity
{
    /// <summary>Ordinary personal data.</summary>
    Normal,

    /// <summary>Special categories, AVG art. 9 (health, among others): every rule needs its own ground.</summary>
    Special,

    /// <summary>Criminal data, AVG art. 10: every rule needs its own ground.</summary>
    Criminal,
}
