/* Shared editor code of the RingCX nodes: operation dropdowns, typed inputs, and dropdowns filled
   from the account through the package's admin endpoints. Loaded once by every node's editor file. */
/* global RED, $, window */
(function () {
  'use strict';
  if (window.RingCxEditor) return;

  var KINDS = {
    id: ['msg', 'flow', 'global', 'env', 'str', 'jsonata'],
    text: ['str', 'msg', 'flow', 'global', 'env', 'jsonata'],
    num: ['num', 'msg', 'flow', 'global', 'env', 'jsonata'],
    bool: ['bool', 'msg', 'flow', 'global', 'env', 'jsonata'],
    json: ['json', 'msg', 'flow', 'global', 'env', 'jsonata'],
  };

  /**
   * Calls the package's admin endpoint `endpoint` with a connection as the editor has it, so it works
   * before the connection is deployed. The token goes in the body, and only when typed: the editor
   * shows a saved one as `__PWRD__`, and the runtime then uses the deployed one.
   */
  function callAdmin(endpoint, connection) {
    var token = connection.accessToken;
    return $.ajax({
      url: 'ringcx-connectors/' + endpoint,
      method: 'POST',
      contentType: 'application/json',
      data: JSON.stringify({
        config: connection.config,
        account: connection.account,
        host: connection.host,
        baseUrl: connection.baseUrl,
        accessToken: token && token !== '__PWRD__' ? token : undefined,
      }),
      dataType: 'json',
    });
  }

  /** The list for the connection chosen in the dialog, as last edited. */
  function fetchList(list, configId) {
    var config = configId && RED.nodes.node(configId);
    if (!config) return $.Deferred().reject().promise();
    return callAdmin(list, {
      config: configId,
      account: config.account,
      host: config.host,
      baseUrl: config.baseUrl,
      accessToken: config.credentials && config.credentials.accessToken,
    });
  }

  /** A typed input whose extra "RingCX" type offers the account's records (saved as plain text). */
  function typedInput(input, field, spec, value, type) {
    var types = KINDS[spec.kind || 'id'].slice();
    input.typedInput({ default: types[0], types: types, typeField: '#node-input-' + field + 'Type' });
    input.typedInput('value', value === undefined ? '' : value);
    if (type) input.typedInput('type', type);
  }

  function fillChoices(input, field, spec, configId, _) {
    if (!spec.list) return;
    fetchList(spec.list, configId).then(
      function (choices) {
        var current = { value: input.typedInput('value'), type: input.typedInput('type') };
        var types = KINDS[spec.kind || 'id'].slice();
        types.unshift({
          value: 'ringcx',
          label: 'RingCX',
          icon: 'fa fa-list',
          multiple: !!spec.multiple,
          options: choices,
        });
        input.typedInput('types', types);
        input.typedInput('type', current.type);
        input.typedInput('value', current.value);
      },
      function (xhr) {
        var reason = xhr && xhr.responseJSON && xhr.responseJSON.error;
        if (reason) RED.notify(_('editor.listFailed') + ' ' + reason, 'warning');
      },
    );
  }

  window.RingCxEditor = {
    callAdmin: callAdmin,
    /**
     * node: the node being edited; spec.operations: { op: [fields] }; spec.fields: { field: { kind,
     * list, multiple } }. Labels come from the node's catalog: label.<field>, operation.<op>.
     */
    prepare: function (node, spec) {
      var _ = function (key) {
        return node._(node.type + '.' + key);
      };
      var operation = $('#node-input-operation');
      var container = $('#ringcx-fields');
      Object.keys(spec.operations).forEach(function (op) {
        $('<option>')
          .val(op)
          .text(_('operation.' + op))
          .appendTo(operation);
      });
      operation.val(node.operation || Object.keys(spec.operations)[0]);
      // A node with a single operation (request) has nothing to choose.
      operation.closest('.form-row').toggle(Object.keys(spec.operations).length > 1);
      Object.keys(spec.fields).forEach(function (field) {
        var row = $('<div class="form-row ringcx-field">').attr('data-field', field).appendTo(container);
        $('<label>')
          .attr('for', 'node-input-' + field)
          .text(_('label.' + field))
          .appendTo(row);
        var input = $('<input type="text" style="width: 70%">')
          .attr('id', 'node-input-' + field)
          .appendTo(row);
        $('<input type="hidden">')
          .attr('id', 'node-input-' + field + 'Type')
          .appendTo(row);
        typedInput(input, field, spec.fields[field], node[field], node[field + 'Type']);
      });
      var refresh = function () {
        var used = spec.operations[operation.val()] || [];
        container.children('.ringcx-field').each(function () {
          $(this).toggle(used.indexOf($(this).attr('data-field')) !== -1);
        });
      };
      operation.on('change', refresh);
      refresh();
      var loadLists = function () {
        Object.keys(spec.fields).forEach(function (field) {
          fillChoices($('#node-input-' + field), field, spec.fields[field], $('#node-input-ringcx').val(), _);
        });
      };
      $('#node-input-ringcx').on('change', loadLists);
      loadLists();
    },
  };
})();
